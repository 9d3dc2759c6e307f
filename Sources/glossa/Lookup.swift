import ArgumentParser
import GlossaStore
import GlossaText

struct Lookup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find earlier translations of a sentence: exact matches first, then fuzzy ones.",
        discussion: """
            Scores run from 0 to 100: 100 means the same text, 99 the same but for case, width or \
            spacing, below that the share of words left unchanged (see the README for the formula). \
            Languages fall back within their group: --from en-US also finds segments stored as en or en-GB.

              glossa lookup "Putin arrived in Beijing" --from en --to zh-CN --min 60
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The sentence to look up.")
    var text: String

    @Option(help: ArgumentHelp("Language of the sentence (BCP 47).", valueName: "tag"))
    var from: LanguageTag

    @Option(help: ArgumentHelp("Language of the translations wanted.", valueName: "tag"))
    var to: LanguageTag

    @Option(help: "Lowest score to show (0-100).")
    var min = QueryBounds.minimumScore.defaultValue

    @Option(help: "Most matches to show (1-100).")
    var limit = QueryBounds.matches.defaultValue

    @OptionGroup var scope: ScopeOptions

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        try QueryBounds.minimumScore.check(min, option: "--min")
        try QueryBounds.matches.check(limit, option: "--limit")
        guard !text.isEmpty else { throw ValidationError("the text to look up is empty") }
    }

    func run() async throws {
        let memory = try await database.open()
        let matches: [Match]
        do {
            let scope = try await scope.scope(of: memory)
            matches = try await memory.lookup(LookupQuery(text: text, source: from, target: to, minimum: min, limit: limit, scope: scope))
        } catch { throw CLIError("\(error)") }
        if json { return try Output.json(matches) }
        guard !matches.isEmpty else {
            Output.line("no match of \(min) or more for \(from) → \(to)")
            return
        }
        for match in matches {
            let languages = "\(match.source.language) → \(match.target.language)"
            Output.line(
                "\(String(repeating: " ", count: 3 - "\(match.score.value)".count))\(match.score.value)  \(match.score.kind.rawValue)  \(languages)")
            Output.line("     \(match.source.text)")
            Output.line("     \(match.target.text)")
        }
    }
}
