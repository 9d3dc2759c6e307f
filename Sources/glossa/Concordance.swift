import ArgumentParser
import GlossaStore
import GlossaText

struct Concordance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find units whose text contains a word or phrase, with their translations.",
        discussion: """
            The phrase is matched word by word (case, width and spacing ignored), in any language \
            unless --lang names one. Search syntax is not interpreted: quotes and operators are text.

              glossa concordance "Power of Siberia" --lang en --target ru
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var scope: ScopeOptions

    @Argument(help: "The word or phrase.")
    var phrase: String

    @Option(help: ArgumentHelp("Only segments in this language.", valueName: "tag"))
    var lang: LanguageTag?

    @Option(help: ArgumentHelp("Only show translations in this language.", valueName: "tag"))
    var target: LanguageTag?

    @Option(help: "Most units to show (1-100).")
    var limit = QueryBounds.concordanceHits.defaultValue

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        try QueryBounds.concordanceHits.check(limit, option: "--limit")
    }

    func run() async throws {
        let memory = try await database.open()
        let hits: [TranslationMemory.ConcordanceHit]
        do {
            hits = try await memory.concordance(phrase, language: lang, target: target, limit: limit, scope: try await scope.scope(of: memory))
        } catch { throw CLIError("\(error)") }
        if json { return try Output.json(hits) }
        if hits.isEmpty { Output.line("no unit contains '\(phrase)'") }
        for hit in hits {
            Output.line("[\(hit.segment.language)] \(hit.segment.text)")
            for translation in hit.translations { Output.line("  [\(translation.language)] \(translation.text)") }
        }
    }
}
