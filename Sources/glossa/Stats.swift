import ArgumentParser
import Foundation
import GlossaStore

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show languages, unit counts and the database's size.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let store = try await database.openStore()
        let statistics: Statistics
        let glossary: (concepts: Int, terms: Int)
        do {
            statistics = try await store.statistics(memories: nil)
            glossary = try await store.glossaryStatistics()
        } catch { throw CLIError("\(error)") }
        if json { return try Output.json(StatsOutput(memory: statistics, concepts: glossary.concepts, terms: glossary.terms)) }
        Output.line("database:  \(statistics.path) (\(ByteCountFormatter.string(fromByteCount: Int64(statistics.databaseBytes), countStyle: .file)))")
        Output.line("units:     \(statistics.units)")
        Output.line("segments:  \(statistics.segments)")
        Output.line("imports:   \(statistics.imports)")
        Output.line("glossary:  \(glossary.concepts) concepts, \(glossary.terms) terms")
        Output.line("languages:")
        for language in statistics.languages {
            Output.line("  \(language.language.canonical.padding(toLength: 12, withPad: " ", startingAt: 0)) \(language.segments)")
        }
    }
}

struct StatsOutput: Encodable {
    let memory: Statistics
    let concepts: Int
    let terms: Int
}
