import ArgumentParser
import Foundation
import GlossaStore
import GlossaText

struct Annotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find every glossary term in a text, with the terms to use in other languages.",
        discussion: """
            Longest terms first; whole words in spaced scripts, anywhere in Chinese. Offsets are in \
            Unicode code points. FILE - reads standard input.

              glossa annotate article.txt --lang en --to ru,zh
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The text file (- for standard input).")
    var file: String

    @Option(help: ArgumentHelp("Language of the text.", valueName: "tag"))
    var lang: LanguageTag

    @Option(help: ArgumentHelp("Languages to show the terms in, comma-separated.", valueName: "tags"))
    var to: LanguageList?

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let text = try readText(file)
        let glossary = try await database.openGlossary()
        let occurrences: [TermOccurrence]
        do { occurrences = try await glossary.annotate(text, language: lang, to: to?.tags ?? []) } catch { throw CLIError("\(error)") }
        if json { return try Output.json(occurrences) }
        for occurrence in occurrences {
            var line = "\(occurrence.offset)+\(occurrence.length)  \(occurrence.text)  [\(occurrence.term.status?.rawValue ?? "")]"
            if let preferred = occurrence.preferredTerm { line += " → \(preferred.text)" }
            let translations = occurrence.translations.sorted { $0.key < $1.key }
                .compactMap { language, forms in forms.first.map { "\(language): \($0.text)" } }
            if !translations.isEmpty { line += "  " + translations.joined(separator: "; ") }
            Output.line(line)
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Terminology QA: deprecated or forbidden terms, and glossary terms left untranslated.",
        discussion: """
            Exits with status 1 when it finds an issue, so scripts can gate on it.

              glossa check article.txt --lang en
              glossa check source.txt --lang en --translation target.txt --target-lang ru
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The source text file (- for standard input).")
    var file: String

    @Option(help: ArgumentHelp("Language of the source text.", valueName: "tag"))
    var lang: LanguageTag

    @Option(help: ArgumentHelp("The translation's file.", valueName: "file"))
    var translation: String?

    @Option(help: ArgumentHelp("Language of the translation.", valueName: "tag"))
    var targetLang: LanguageTag?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if (translation == nil) != (targetLang == nil) { throw ValidationError("--translation and --target-lang go together") }
    }

    func run() async throws {
        let source = try readText(file)
        let translated = try translation.map(readText)
        let glossary = try await database.openGlossary()
        let issues: [TermIssue]
        do {
            issues = try await glossary.check(source: source, language: lang, translation: translated, translationLanguage: targetLang)
        } catch { throw CLIError("\(error)") }
        if json {
            try Output.json(issues)
        } else {
            for issue in issues { Output.line("\(issue.text) \(issue.offset)+\(issue.length)  \(issue.kind.rawValue): \(issue.message)") }
            Output.line("\(issues.count) issue\(issues.count == 1 ? "" : "s")")
        }
        if !issues.isEmpty { throw ExitCode(1) }
    }
}

func readText(_ path: String) throws -> String {
    let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
    guard let data else { throw CLIError("cannot read '\(path)'") }
    guard let text = String(data: data, encoding: .utf8) else { throw CLIError("'\(path)' is not UTF-8 text") }
    return text
}
