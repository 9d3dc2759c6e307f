import ArgumentParser
import Foundation
import GlossaStore
import GlossaText

/// Transliteration throughput per scheme (the cost of the first call, which creates the ICU
/// transliterator, apart) and name searches per second through `Glossary.names`, which
/// `/v1/names` calls.
struct NamesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names", abstract: "Transliterations/s per scheme, first-call cost, name lookups/s.")

    @OptionGroup(title: "A database with the glossary imported") var database: DatabaseOption
    @Option(help: "Names, one per line: language<TAB>name (bench/names.py writes it from glossary/*.tbx). Default: the database's glossary terms.")
    var names: String?
    @Option(help: "Transliterations per scheme.")
    var n = 20_000
    @Option(help: "Name lookups.")
    var lookups = 5_000
    @Option(help: "Schemes to time, comma-separated.")
    var schemes = "bgn-pcgn,pinyin,palladius,pinyin-names,palladius-names,icao"

    func run() async throws {
        var byLanguage: [String: [String]] = [:]
        var all: [String] = []
        let store = try await database.open()
        let glossary = Glossary(store: store)
        let terms: [(String, String)]
        if let names { terms = try Self.namesFile(names) } else { terms = try await Self.glossaryTerms(glossary) }
        for (language, text) in terms {
            byLanguage[String(language.prefix(2)), default: []].append(text)
            all.append(text)
        }
        guard !all.isEmpty else { throw ValidationError("no names: give --names or a database with a glossary") }

        var results: [String: Any] = [:]
        for name in schemes.split(separator: ",").map(String.init) {
            guard let scheme = Transliteration.scheme(named: name) else { throw ValidationError("unknown scheme \(name)") }
            let input = byLanguage[String(scheme.from.prefix(2))] ?? []
            guard !input.isEmpty else {
                results[name] = ["error": "no \(scheme.from) names"]
                continue
            }
            // First call: creates the transliterator (and loads ICU's data on the very first one).
            let (_, firstMs) = try Bench.timed { try Transliteration.transliterate(input[0], scheme: scheme) }
            // Cached: the scheme as the API runs it (Glossa's syllable writing included for Chinese).
            let start = Bench.now()
            for i in 0..<n { _ = try Transliteration.transliterate(input[i % input.count], scheme: scheme) }
            let schemeSeconds = Bench.now() - start
            // Raw: the cached ICU transliterator alone, the same work as PyICU's transliterate().
            let transliterator = try Transliteration.transliterator(scheme.icu)
            let rawStart = Bench.now()
            for i in 0..<n { _ = transliterator.transliterate(input[i % input.count]) }
            let rawSeconds = Bench.now() - rawStart
            // Creating one more (ICU data already loaded); own-rule schemes are compiled from rules
            // this target cannot see, so only ICU ids are timed.
            let created = Bench.timed { try? Transliterator(id: scheme.icu) }
            results[name] = [
                "icu": scheme.icu, "names": input.count, "n": n,
                "first_call_ms": Bench.round3(firstMs),
                "names_per_s": (Double(n) / schemeSeconds).rounded(),
                "icu_raw_names_per_s": (Double(n) / rawSeconds).rounded(),
                "create_again_ms": created.0 == nil ? NSNull() : Bench.round3(created.1) as Any,
            ]
        }

        // Name searches as /v1/names runs them (no `to`, limit 10), over every name in the list.
        let (firstHits, firstLookupMs) = try await Bench.timed { try await glossary.names(all[0]) }
        var samples: [Double] = []
        var withResults = 0
        let start = Bench.now()
        for i in 0..<lookups {
            let (found, ms) = try await Bench.timed { try await glossary.names(all[i % all.count]) }
            samples.append(ms)
            if !found.isEmpty { withResults += 1 }
        }
        let seconds = Bench.now() - start
        try Bench.printJSON([
            "bench": "names", "db": store.location, "engine": database.engine, "names_file": names ?? "(glossary terms of the database)",
            "names": all.count,
            "transliteration": results,
            "name_lookup": Bench.summary(samples).merging([
                "lookups_per_s": (Double(lookups) / seconds).rounded(), "with_results": withResults,
                "first_call_ms": Bench.round3(firstLookupMs), "first_call_results": firstHits.count,
            ]) { a, _ in a },
        ])
    }

    static func namesFile(_ path: String) throws -> [(String, String)] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    /// The glossary's terms: language and text.
    static func glossaryTerms(_ glossary: Glossary) async throws -> [(String, String)] {
        try await glossary.store.allTerms().map { ($0.term.language.canonical, $0.term.text) }
    }
}
