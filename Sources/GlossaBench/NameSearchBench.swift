import ArgumentParser
import Foundation
import GlossaStore
import GlossaText

/// Name searches as `/v1/names` runs them (`Glossary.findName`, transliterations included), by
/// kind of query (bench/name_queries.py): latency per kind, and what kind of answer each got.
struct NameSearchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name-search", abstract: "Name-search latency by kind of query: glossary hit, inflected, similar, transliteration.")

    @OptionGroup(title: "A database with the glossaries imported") var database: DatabaseOption
    @Option(help: "Queries, one per line: kind<TAB>query (bench/name_queries.py).")
    var queries: String
    @Option(help: "Timed passes over the queries (after one untimed pass).")
    var passes = 3
    @Option(help: "Languages asked for, comma-separated, as the search page asks.")
    var to = "en,ru,zh-CN"

    func run() async throws {
        let lines = try String(contentsOfFile: queries, encoding: .utf8).split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        let languages = try to.split(separator: ",").map { try LanguageTag(String($0)) }
        let store = try await database.open()
        let glossary = Glossary(store: store)
        var answers: [String: [String: Int]] = [:]
        for (kind, query) in lines {
            let answer = try await glossary.findName(query, to: languages)
            let got = answer.results.first?.match.rawValue ?? (answer.transliterations.map { $0.isEmpty ? "none" : "transliteration" } ?? "none")
            answers[kind, default: [:]][got, default: 0] += 1
        }
        var samples: [String: [Double]] = [:]
        for _ in 0..<passes {
            for (kind, query) in lines {
                let (_, ms) = try await Bench.timed { try await glossary.findName(query, to: languages) }
                samples[kind, default: []].append(ms)
            }
        }
        var kinds: [String: Any] = [:]
        for (kind, values) in samples {
            kinds[kind] = Bench.summary(values).merging(["answers": answers[kind] ?? [:]]) { a, _ in a }
        }
        try Bench.printJSON([
            "bench": "name-search", "db": store.location, "engine": database.engine, "queries": lines.count, "passes": passes, "kinds": kinds,
        ])
    }
}
