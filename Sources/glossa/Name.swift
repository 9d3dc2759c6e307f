import ArgumentParser
import GlossaStore
import GlossaText

struct Name: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find a name in the glossary, typed in any script or romanization.",
        discussion: """
            Путин, putin, PUTIN, Pǔjīng, pujing, 普京, Путина and Putin's all find the same entry. \
            Each result shows how the query matched (exact, folded, romanization, inflected, word, \
            prefix, similar), the terms by language and status, and, for a language asked for with \
            --to that has no term, a transliteration marked as such. A name with no entry is \
            transliterated by named standards (pinyin, Palladius, BGN/PCGN, GB/T 17693), never \
            shown as a term; where no standard applies, it says so.

              glossa name 普京 --to en,ru
              glossa name "в Доме народных собраний"
              glossa name Dostoevsky --to ru,zh-CN
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The name, or the beginning of it.")
    var query: String

    @Option(help: ArgumentHelp("Languages to show, comma-separated (all when omitted).", valueName: "tags"))
    var to: LanguageList?

    @Option(help: "Most concepts to show (1-100).")
    var limit = QueryBounds.names.defaultValue

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        try QueryBounds.names.check(limit, option: "--limit")
        guard query.contains(where: { !$0.isWhitespace }) else { throw ValidationError("the name is empty") }
    }

    func run() async throws {
        let glossary = try await database.openGlossary()
        let answer: NameAnswer
        do { answer = try await glossary.findName(query, to: to?.tags ?? [], limit: limit) } catch { throw CLIError("\(error)") }
        if json { return try Output.json(answer) }
        if answer.results.isEmpty { Output.line("no glossary entry matches '\(query)'") }
        for result in answer.results {
            var heading = "\(result.matchedTerm.text)  [\(result.match.rawValue)\(result.domain.map { ", \($0)" } ?? "")]"
            if let form = result.matchedForm { heading += "  read as: \(form)" }
            if let distance = result.distance { heading += "  distance: \(distance)" }
            if let preferred = result.preferredTerm, result.matchedTerm.status.map({ $0 >= .deprecated }) == true {
                heading += "  → use: \(preferred.text)"
            }
            Output.line(heading)
            for language in result.terms.keys.sorted() {
                let forms = result.terms[language]!.map { "\($0.text) (\($0.status?.rawValue ?? ""))" }
                Output.line("  \(language.padding(toLength: 6, withPad: " ", startingAt: 0)) \(forms.joined(separator: "; "))")
            }
            for (language, form) in result.transliterations.sorted(by: { $0.key < $1.key }) {
                Output.line(
                    "  \(language.padding(toLength: 6, withPad: " ", startingAt: 0)) \(form.text) (transliteration, \(form.scheme ?? ""), not attested)"
                )
            }
        }
        guard let transliterations = answer.transliterations else { return }
        Output.line("transliterations (not attested; input read as \(transliterations.input)):")
        for form in transliterations.forms {
            let chain = form.chain.joined(separator: " → ")
            Output.line(
                "  \(form.language.padding(toLength: 6, withPad: " ", startingAt: 0)) \(form.text)  [\(chain), \(form.reading), confidence \(form.confidence)]"
            )
        }
        for gap in transliterations.unavailable {
            Output.line("  \(gap.language.padding(toLength: 6, withPad: " ", startingAt: 0)) none: \(gap.reason)")
        }
    }
}
