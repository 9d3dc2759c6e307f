import ArgumentParser
import Foundation
import GlossaFormats
import GlossaStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import TMX, XLIFF and PO files into the translation memory and TBX files into the glossary (folders too).",
        discussion: """
            Each file is imported in one transaction: all of its units, or none if the file is broken. \
            Units are keyed by content, so importing a file twice adds nothing. .tmx.gz files are read \
            as they are. Units with text in fewer than two languages are rejected, with their line. \
            gettext .po files give a unit per translated entry (each plural form its own), in the \
            header's Language: and English (or its X-Source-Language:); --languages en,de overrides \
            both (--languages de the source alone). Fuzzy, untranslated and obsolete entries are rejected with their line; .pot \
            templates are refused. .tbx files (TBX v3 or TBX 2008) and .csv/.tsv tables go to the \
            glossary, keyed by their terms in the same way; a table whose header does not name \
            languages needs --languages.

            XLIFF files (.xlf, .xliff, .sdlxliff, .mqxliff: XLIFF 1.2 and 2.x, SDL Trados, memoQ) are \
            memories too: each translated segment becomes a unit in the file's languages, its inline \
            codes kept as TMX codes; drafts (state new, needs-*, initial, SDL Draft, memoQ \
            PartiallyEdited...) and untranslated segments are rejected with the reason.

              glossa import memories/ legacy.tmx.gz
              glossa import --memory weblate locale/ru/LC_MESSAGES/django.po
              glossa import --languages de,ru --dry-run --json translated-from-german.po
              glossa import --dry-run suspicious.tmx
              glossa import --memory client-x --dry-run --json project.sdlxliff
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(
        help: ArgumentHelp(
            "TMX, XLIFF, PO or TBX files, or folders (searched for .tmx, .tmx.gz, .xlf, .xliff, .sdlxliff, .mqxliff, .po, .tbx).",
            valueName: "path"))
    var paths: [String]

    @Option(
        help: ArgumentHelp(
            "Languages (source,target) of a CSV/TSV glossary's columns when its header does not name them, or of a PO file's texts.",
            valueName: "tags"))
    var languages: LanguageList?

    @Option(help: ArgumentHelp("The memory TMX, XLIFF and PO files go into (see glossa memory).", valueName: "name"))
    var memory = MemoryName.defaultMemory

    @Flag(help: "Read and check the files, count what would be imported, write nothing.")
    var dryRun = false

    @Flag(help: "Print the reports as JSON.")
    var json = false

    func run() async throws {
        let files = Importer.expand(paths)
        guard !files.isEmpty else { throw CLIError("no TMX, XLIFF, PO or TBX files found in \(paths.joined(separator: ", "))") }
        let store = try await database.openStore(role: .command)
        let translationMemory = TranslationMemory(store: store)
        let glossary = Glossary(store: store)
        let showProgress = isatty(STDERR_FILENO) == 1 && !json
        var reports: [ImportReport] = []
        var glossaryReports: [GlossaryImportReport] = []
        var failures = 0
        for file in files {
            do {
                if Glossary.isGlossaryFile(file) {
                    let report = try await glossary.importGlossary(at: file, languages: languages?.tags, dryRun: dryRun)
                    glossaryReports.append(report)
                    if !json { Self.printReport(report, file: file) }
                    continue
                }
                let report = try await translationMemory.importer.importFile(
                    at: file, into: memory, languages: languages?.tags, dryRun: dryRun,
                    progress: showProgress
                        ? { progress in
                            Self.printProgress(progress, file: file)
                        } : nil)
                if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                reports.append(report)
                if !json { Self.printReport(report, file: file) }
            } catch {
                if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                failures += 1
                Output.error("error: \(file): \(error)\(dryRun ? "" : " (nothing imported from this file)")")
            }
        }
        if json { try Output.json(ImportOutput(memories: reports, glossaries: glossaryReports)) }
        if failures > 0 { throw ExitCode(1) }
    }

    static func printReport(_ report: GlossaryImportReport, file: String) {
        let verb = report.dryRun ? "would import" : "imported"
        Output.line(
            "\(file): \(report.conceptsRead) concepts read, \(verb) \(report.imported), \(report.duplicates) duplicates, \(report.rejected.count) rejected, \(report.terms) terms"
        )
        if !report.languages.isEmpty {
            Output.line("  languages: " + report.languages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        for issue in report.rejected.prefix(20) { Output.line("  rejected line \(issue.line): \(issue.reason)") }
        for issue in report.skippedTerms.prefix(10) { Output.line("  skipped: \(issue.reason)") }
    }

    static func printProgress(_ progress: ImportProgress, file: String) {
        let rate = progress.elapsed > 0 ? Double(progress.unitsRead) / progress.elapsed : 0
        var line = "\r\((file as NSString).lastPathComponent): \(progress.unitsRead) units, \(Int(rate)) units/s"
        if progress.totalBytes > 0, progress.bytesRead > 0, progress.bytesRead <= progress.totalBytes {
            let fraction = Double(progress.bytesRead) / Double(progress.totalBytes)
            let remaining = progress.elapsed / fraction - progress.elapsed
            line += String(format: ", %.0f%%, ETA %d:%02d", fraction * 100, Int(remaining) / 60, Int(remaining) % 60)
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    static func printReport(_ report: ImportReport, file: String) {
        let verb = report.dryRun ? "would import" : "imported"
        Output.line(
            "\(file): \(report.unitsRead) units read, \(verb) \(report.imported), \(report.duplicates) duplicates, \(report.rejectedCount) rejected (\(String(format: "%.2f", report.seconds)) s)"
        )
        if !report.languages.isEmpty {
            Output.line("  languages: " + report.languages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        for issue in report.rejected.prefix(20) {
            Output.line("  rejected line \(issue.line)\(issue.tuid.map { " (tuid \($0))" } ?? ""): \(issue.reason)")
        }
        if report.rejectedCount > 20 { Output.line("  ... \(report.rejectedCount - 20) more rejected (see --json)") }
        for issue in report.skippedSegments.prefix(10) {
            Output.line("  skipped: \(issue.reason)")
        }
        if report.skippedSegments.count > 10 { Output.line("  ... \(report.skippedSegments.count - 10) more skipped segments (see --json)") }
    }
}

struct ImportOutput: Encodable {
    let memories: [ImportReport]
    let glossaries: [GlossaryImportReport]
}
