import ArgumentParser
import Foundation
import GlossaStore
import GlossaText

struct Pretranslate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pre-translate an XLIFF file (1.2 or 2.x) from the memory and write it to standard output.",
        discussion: """
            Every source segment without a target is looked up. The best match fills the target when it \
            scores --fill or more and its inline codes line up with the source's (XLIFF 1.2: \
            state="translated" for 100, state="needs-translation" below; XLIFF 2: exact matches only); \
            every match of --min or more is added as a candidate (<alt-trans>, <mtc:match>). The rest \
            of the file is written back byte for byte. The report goes to standard error.

            Nothing is written to standard output unless the whole file was read and pre-translated: \
            the result is written to a temporary file first, then copied.

              glossa pretranslate project-de.xlf > project-de.pretranslated.xlf
              glossa pretranslate strings.xlf --memories client-acme --min 60 --fill 100 -o strings.out.xlf
              glossa pretranslate app.xliff --to de-CH --overwrite --json 2> report.json > app.out.xliff
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var scope: ScopeOptions

    @Argument(help: "The XLIFF file (.xlf, .xliff, .sdlxliff, .mqxliff; UTF-8).")
    var file: String

    @Option(help: "Lowest score added as a candidate (0-100).")
    var min = QueryBounds.pretranslationMinimum.defaultValue

    @Option(help: "Lowest score that fills a target (0-100; XLIFF 2 fills only 100).")
    var fill = QueryBounds.pretranslationFill.defaultValue

    @Option(help: "Candidates added per segment (1-100).")
    var candidates = QueryBounds.pretranslationCandidates.defaultValue

    @Flag(
        help: "Look up segments that have a target too, and replace it when a match fills it (never one approved or final).")
    var overwrite = false

    @Option(help: ArgumentHelp("Source language, instead of the file's.", valueName: "tag"))
    var from: LanguageTag?

    @Option(help: ArgumentHelp("Target language, instead of the file's.", valueName: "tag"))
    var to: LanguageTag?

    @Option(name: [.short, .long], help: ArgumentHelp("Write the result to this file instead of standard output.", valueName: "path"))
    var output: String?

    @Flag(help: "Print the report on standard error as JSON.")
    var json = false

    func validate() throws {
        try QueryBounds.pretranslationMinimum.check(min, option: "--min")
        try QueryBounds.pretranslationFill.check(fill, option: "--fill")
        try QueryBounds.pretranslationCandidates.check(candidates, option: "--candidates")
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no file at '\(file)'") }
    }

    func run() async throws {
        let memory = try await database.open()
        var options = PretranslationOptions()
        (options.minimum, options.fill, options.candidates, options.overwrite) = (min, fill, candidates, overwrite)
        (options.source, options.target) = (from, to)
        // The result goes to a temporary file beside its destination: a failure halfway leaves the
        // destination (or standard output) untouched, and a file is then renamed into place whole.
        let directory = output.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? NSTemporaryDirectory()
        let temporary = URL(fileURLWithPath: directory).appendingPathComponent(".glossa-pretranslate-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIError("cannot write a temporary file in \(directory)")
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let report: PretranslationReport
        do {
            options.scope = try await scope.scope(of: memory)
            report = try await Pretranslator(memory: memory).pretranslate(path: file, options: options) { bytes in
                try handle.write(contentsOf: bytes)
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw CLIError("\(file): \(error)")
        }
        if let output {
            _ = try? FileManager.default.removeItem(atPath: output)
            do { try FileManager.default.moveItem(atPath: temporary, toPath: output) } catch {
                throw CLIError("cannot write '\(output)': \(error.localizedDescription)")
            }
        } else {
            try Self.copy(temporary, to: FileHandle.standardOutput)
        }
        try printReport(report)
    }

    private static func copy(_ path: String, to output: FileHandle) throws {
        guard let input = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot read the temporary file \(path)") }
        defer { try? input.close() }
        while let chunk = try input.read(upToCount: 1 << 16), !chunk.isEmpty { output.write(chunk) }
    }

    private func printReport(_ report: PretranslationReport) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardError.write(try encoder.encode(report) + Data("\n".utf8))
            return
        }
        Output.error(
            """
            XLIFF \(report.version): \(report.units) units, \(report.segments) segments
              filled exact:    \(report.filledExact)
              filled fuzzy:    \(report.filledFuzzy)
              candidates only: \(report.candidatesOnly)\(report.codesMismatched > 0 ? " (\(report.codesMismatched) not filled: inline codes do not line up)" : "")
              untouched:       \(report.untouched)
            """)
    }
}
