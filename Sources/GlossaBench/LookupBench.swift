import ArgumentParser
import Foundation
import GlossaStore
import GlossaText

/// In-process lookup latency through `TranslationMemory.lookup`, as the server runs it.
struct LookupBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup", abstract: "Lookup latency (exact and fuzzy separately) and batch throughput.")

    @OptionGroup var options: QueryOptions
    @Option var limit = 5
    @Option(help: "Timed passes over the queries (latency samples = queries × repeat).")
    var `repeat` = 1
    @Option(help: "Slowest queries listed (by their fastest pass, so that a pause of the machine does not list one).")
    var slowest = 10

    func run() async throws {
        let (store, openMs) = try await Bench.timed { try await options.database.open() }
        let memory = TranslationMemory(store: store)
        let source = try LanguageTag(options.source), target = try LanguageTag(options.target)
        let list = try Bench.loadQueries(options.queries)
        guard !list.isEmpty else { throw ValidationError("no queries in \(options.queries)") }
        func query(_ q: BenchQuery) -> LookupQuery {
            LookupQuery(text: q.text, source: source, target: target, minimum: options.min, limit: limit)
        }

        // The first call pays for what is created lazily (statements, ICU break iterators, page cache).
        let (firstMatches, firstMs) = try await Bench.timed { try await memory.lookup(query(list[0])) }

        var latencies: [String: [Double]] = [:], byKindSamples: [String: [Double]] = [:]
        var hits: [String: Int] = [:], counts: [String: Int] = [:]
        var fastest = [Double](repeating: .infinity, count: list.count)
        let started = Bench.now()
        for pass in 0..<Swift.max(1, self.repeat) {
            for (index, q) in list.enumerated() {
                let (matches, ms) = try await Bench.timed { try await memory.lookup(query(q)) }
                fastest[index] = Swift.min(fastest[index], ms)
                // exact: the text is stored verbatim; everything else goes through the fuzzy path.
                let group = q.kind == "exact" ? "exact" : "fuzzy"
                latencies[group, default: []].append(ms)
                byKindSamples[q.kind, default: []].append(ms)
                if pass == 0 {
                    counts[q.kind, default: 0] += 1
                    if !matches.isEmpty { hits[q.kind, default: 0] += 1 }
                }
            }
        }
        let timedSeconds = Bench.now() - started

        // Batch: all queries back to back, nothing recorded per query.
        let batchStart = Bench.now()
        for q in list { _ = try await memory.lookup(query(q)) }
        let batchSeconds = Bench.now() - batchStart

        var byKind: [String: Any] = [:]
        for kind in counts.keys {
            var entry = Bench.summary(byKindSamples[kind] ?? [])
            entry["queries"] = counts[kind] ?? 0
            entry["with_matches"] = hits[kind] ?? 0
            byKind[kind] = entry
        }
        try await store.close()
        try Bench.printJSON([
            "bench": "lookup", "db": store.location, "engine": options.database.engine, "queries_file": options.queries, "queries": list.count,
            "repeat": Swift.max(1, self.repeat),
            "min": options.min, "limit": limit, "source": options.source, "target": options.target,
            "open_ms": Bench.round3(openMs),
            "first_call_ms": Bench.round3(firstMs), "first_call_matches": firstMatches.count,
            "exact": Bench.summary(latencies["exact"] ?? []),
            "fuzzy": Bench.summary(latencies["fuzzy"] ?? []),
            "by_kind": byKind,
            "queries_per_s": Bench.round3(Double(list.count * Swift.max(1, self.repeat)) / timedSeconds),
            "batch_seconds": Bench.round3(batchSeconds),
            "batch_queries_per_s": Bench.round3(Double(list.count) / batchSeconds),
            "peak_rss_mib": Bench.peakRSSMiB(),
            "slowest": fastest.indices.sorted { fastest[$0] > fastest[$1] }.prefix(slowest).map { index in
                ["query": list[index].text, "kind": list[index].kind, "fastest_ms": Bench.round3(fastest[index])] as [String: Any]
            },
        ])
    }
}
