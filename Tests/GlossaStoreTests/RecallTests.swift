import Foundation
import GlossaFormats
import GlossaMatching
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Index-backed fuzzy lookup against an exhaustive scan with the same score, on a memory of a few
/// thousand units built from real corpus sentences.
@Suite struct RecallTests {
    /// A deterministic pseudo-random sequence (64-bit LCG), so the test is the same on every run.
    struct Sequence {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func englishSentences() throws -> [String] {
        var sentences = Set<String>()
        for file in ["tmx/omegat-org_omegat/test-match-stat-en-ca.tmx", "tmx/heartsome_tmxeditor8/ImportTMXTest.tmx"] {
            let reader = try TMXReader(path: Fixtures.corpusFile(file))
            while let item = try reader.next() {
                guard case .unit(let unit, _) = item, let english = unit.segments.first(where: { $0.language.language == "en" }) else { continue }
                let words = english.text.split(separator: " ")
                if (3...30).contains(words.count) { sentences.insert(english.text) }
            }
        }
        return sentences.sorted()
    }

    @Test func fuzzyLookupFindsWhatAnExhaustiveScanFinds() async throws {
        let pool = try Self.englishSentences()
        var random = Sequence(state: 42)
        var units: [[(String, String)]] = []
        var sources: [String] = []
        for index in 0..<3_000 {
            let source = index < pool.count ? pool[index] : pool[random.next(pool.count)] + " " + pool[random.next(pool.count)]
            sources.append(source)
            units.append([("en", source), ("fr", "traduction \(index)")])
        }
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        let report = try await memory.importer.importFile(at: try Fixtures.write(Fixtures.tmx(units)))
        #expect(report.imported + report.duplicates == 3_000)

        // Queries: stored sentences with a word dropped, replaced or two words swapped.
        var queries: [String] = []
        for _ in 0..<150 {
            var words = sources[random.next(sources.count)].split(separator: " ").map(String.init)
            switch random.next(3) {
            case 0 where words.count > 3: words.remove(at: random.next(words.count))
            case 1: words[random.next(words.count)] = "zebra"
            default:
                let i = random.next(words.count), j = random.next(words.count)
                words.swapAt(i, j)
            }
            queries.append(words.joined(separator: " "))
        }

        let stored = Set(sources).map { ComparableText($0) }
        var expected = 0, found = 0
        for query in queries {
            let comparable = ComparableText(query)
            let exhaustive = Set(
                stored.compactMap { candidate in
                    MatchScore.compute(query: comparable, candidate: candidate, minimum: 70) != nil ? candidate.nfc : nil
                })
            let indexed = try await memory.lookup(
                LookupQuery(
                    text: query, source: LanguageTag("en"), target: LanguageTag("fr"),
                    minimum: 70, limit: 100))
            let indexedSources = Set(indexed.map { Normalization.nfc($0.source.text) })
            expected += exhaustive.count
            found += exhaustive.intersection(indexedSources).count
        }
        let recall = Double(found) / Double(max(expected, 1))
        print(
            "fuzzy recall against an exhaustive scan: \(found)/\(expected) = \(String(format: "%.3f", recall)) over \(queries.count) queries, 3,000 units"
        )
        #expect(expected > 100)
        #expect(recall >= 0.98)
    }
}
