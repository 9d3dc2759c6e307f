import ArgumentParser
import Foundation
import GlossaStore

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show languages, unit counts and the database's size.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let memory = try database.open()
        let statistics: Statistics
        do { statistics = try memory.store.statistics() } catch { throw CLIError("\(error)") }
        if json { return try Output.json(statistics) }
        Output.line("database:  \(statistics.path) (\(ByteCountFormatter.string(fromByteCount: Int64(statistics.databaseBytes), countStyle: .file)))")
        Output.line("units:     \(statistics.units)")
        Output.line("segments:  \(statistics.segments)")
        Output.line("imports:   \(statistics.imports)")
        Output.line("languages:")
        for language in statistics.languages {
            Output.line("  \(language.language.canonical.padding(toLength: 12, withPad: " ", startingAt: 0)) \(language.segments)")
        }
    }
}
