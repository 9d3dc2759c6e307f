import ArgumentParser
import Foundation
import GlossaMatching
import GlossaStore
import GlossaText
import Synchronization

/// Recall of `lookup` against an exhaustive scan that scores every source segment with the same
/// `MatchScore`: whatever the candidate retrieval misses shows up here.
struct RecallBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Recall of lookup against an exhaustive MatchScore scan of every source segment.")

    @OptionGroup var options: QueryOptions
    @Option(help: "Top matches compared per query (large, so that recall means something).")
    var limit = 50
    @Option(help: "Use only the first N queries (the scan scores every segment whose length allows the minimum, per query).")
    var maxQueries: Int?

    func run() async throws {
        let sourceTag = try LanguageTag(options.source), targetTag = try LanguageTag(options.target)
        let list = try Bench.loadQueries(options.queries, limit: maxQueries)

        // Every source segment of a unit that also has a target segment (what lookup can return),
        // scored as it is read; the next page is read while the last one is scored.
        let store = try await options.database.open()
        let memory = TranslationMemory(store: store)
        let scan = ExhaustiveScan(queries: list.map(\.text), minimum: options.min, workers: Self.workers)
        let scanStart = Bench.now()
        try await Self.forEachSourceBatch(memory.store, source: sourceTag.fallbackGroup, target: targetTag.fallbackGroup) { batch in
            scan.scan(batch)
        }
        let scanSeconds = Bench.now() - scanStart
        let exhaustive = scan.scores.withLock { $0 }

        var expected = 0, found = 0, plainExpected = 0, plainFound = 0
        var topAgree = 0, topTextAgree = 0, withAnswer = 0, scoreMismatches = 0, extra = 0
        var missedExamples: [[String: Any]] = []
        var byKind: [String: (expected: Int, found: Int)] = [:]
        for (index, q) in list.enumerated() {
            // One source text may come with several translations, each a match: ask for more and keep
            // the first `limit` distinct source texts.
            let matches = try await memory.lookup(
                LookupQuery(
                    text: q.text, source: sourceTag, target: targetTag,
                    minimum: options.min, limit: limit * 4))
            var returned: [(text: String, score: Int)] = []
            for match in matches where !returned.contains(where: { $0.text == match.source.text }) {
                returned.append((Normalization.nfc(match.source.text), match.score.value))
                if returned.count == limit { break }
            }
            let all = exhaustive[index]
            let ranked = all.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            let k = Swift.min(limit, ranked.count)
            guard k > 0 else {
                extra += returned.count
                continue
            }
            withAnswer += 1
            // Ties at the cut-off: any of the tied texts may fill the last places.
            let cutoff = ranked[k - 1].value
            let above = Set(ranked.filter { $0.value > cutoff }.map(\.key))
            let tied = Set(ranked.filter { $0.value == cutoff }.map(\.key))
            let returnedTexts = Set(returned.map(\.text))
            let hit = returnedTexts.intersection(above).count + Swift.min(returnedTexts.intersection(tied).count, k - above.count)
            expected += k
            found += hit
            byKind[q.kind, default: (0, 0)].expected += k
            byKind[q.kind, default: (0, 0)].found += hit
            // The plain definition: found ∩ exhaustive / exhaustive, exhaustive = everything ≥ min, capped at limit.
            plainExpected += Swift.min(all.count, limit)
            plainFound += Swift.min(returnedTexts.filter { all[$0] != nil }.count, limit)
            scoreMismatches += returned.filter { pair in all[pair.text] != pair.score }.count
            if let first = returned.first {
                if first.score == ranked[0].value { topAgree += 1 }
                if first.text == ranked[0].key { topTextAgree += 1 }
            }
            if hit < k, missedExamples.count < 5 {
                let missing = ranked.prefix(k).filter { !returnedTexts.contains($0.key) }.prefix(3)
                missedExamples.append([
                    "query": q.text, "kind": q.kind, "expected": k, "found": hit,
                    "missing": missing.map { ["text": $0.key, "score": $0.value] },
                ])
            }
        }
        try await store.close()
        try Bench.printJSON([
            "bench": "recall", "db": store.location, "engine": options.database.engine, "queries": list.count, "min": options.min, "limit": limit,
            "source_segments": scan.segmentsScanned.load(ordering: .relaxed),
            "queries_with_exhaustive_matches": withAnswer,
            "expected": expected, "found": found,
            "recall": expected == 0 ? 1 : Bench.round3(Double(found) / Double(expected)),
            "recall_plain": plainExpected == 0 ? 1 : Bench.round3(Double(plainFound) / Double(plainExpected)),
            "recall_by_kind": byKind.mapValues {
                [
                    "expected": $0.expected, "found": $0.found,
                    "recall": $0.expected == 0 ? 1 : Bench.round3(Double($0.found) / Double($0.expected)),
                ]
            },
            "top1_score_agreement": topAgree, "top1_text_agreement": topTextAgree,
            "returned_score_mismatches": scoreMismatches,
            "returned_without_exhaustive_match": extra,
            "missed_examples": missedExamples,
            "exhaustive_scan": [
                "threads": Self.workers, "wall_seconds": Bench.round3(scanSeconds),
                "pairs_scored": scan.pairsScored.load(ordering: .relaxed),
                "ms_per_query": list.isEmpty ? 0 : Bench.round3(scanSeconds * 1000 / Double(list.count)),
            ],
            "note": "lookup asked for limit×4 matches; the first `limit` distinct source texts are compared; ties at the cut-off count as found",
        ])
    }

    /// The scan's workers: the machine's cores.
    static let workers = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
    static let batchSize = 20_000

    /// Calls `body` with batches of source segments (text, fold key), the last batch's `body`
    /// running while the next batch is read.
    static func forEachSourceBatch(
        _ store: any TranslationMemoryStore, source: String, target: String, _ body: @escaping @Sendable ([ExhaustiveScan.Segment]) -> Void
    ) async throws {
        var batch: [ExhaustiveScan.Segment] = []
        var pending: Task<Void, Never>?
        func flush() async {
            await pending?.value
            let full = batch
            pending = Task.detached { body(full) }
            batch = []
        }
        try await store.forEachUnit(withLanguageGroups: [source, target], memories: nil) { unit in
            for (segment, _) in unit.segments where segment.language.fallbackGroup == source {
                batch.append((segment.text, segment.fold))
            }
            if batch.count >= batchSize { await flush() }
        }
        await flush()
        await pending?.value
    }
}
