import Foundation
import GlossaFormats
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Every TBX file of the peer corpus, imported into a new database, against its MANIFEST.md counts.
@Suite struct GlossaryImportTests {
    /// (file, entries, terms) from the manifest's TBX table.
    static let entries: [(file: String, concepts: Int, terms: Int)] = {
        guard let text = try? String(contentsOf: Fixtures.corpus.appendingPathComponent("MANIFEST.md"), encoding: .utf8),
            let row = try? Regex(#"^\| `(tbx/[^`]+)` \|[^|]*\|[^|]*\| ([^|]*)\|"#),
            let counts = try? Regex(#"(\d+) entries / (\d+) terms"#)
        else { return [] }
        return text.split(separator: "\n").compactMap { line -> (String, Int, Int)? in
            guard let match = try? row.firstMatch(in: String(line)) else { return nil }
            let file = String(match.output[1].substring ?? "")
            guard let numbers = try? counts.firstMatch(in: String(match.output[2].substring ?? "")) else { return (file, 0, 0) }
            return (file, Int(numbers.output[1].substring!)!, Int(numbers.output[2].substring!)!)
        }
    }()

    @Test func manifestLists12TBXFiles() {
        #expect(Self.entries.count == 12)
    }

    @Test(arguments: entries.map(\.file))
    func importsWithTheManifestCounts(file: String) async throws {
        let entry = try #require(Self.entries.first { $0.file == file })
        let glossary = Glossary(store: try await Fixtures.newStore())
        let path = Fixtures.corpusFile(file)
        guard entry.concepts > 0 else {
            await #expect(throws: FormatError.emptyFile) { try await glossary.importGlossary(at: path) }
            return
        }
        let report = try await glossary.importGlossary(at: path)
        #expect(report.conceptsRead == entry.concepts)
        #expect(report.imported == entry.concepts)
        #expect(report.termsRead == entry.terms)
        // sdl_tbx.tbx holds 44 empty <term/>s: skipped, each with its line.
        #expect(report.terms + report.skippedTerms.count == entry.terms)
        #expect(try await glossary.store.glossaryStatistics().concepts == entry.concepts)
        let again = try await glossary.importGlossary(at: path)
        #expect(again.imported == 0 && again.duplicates == entry.concepts)
    }

    @Test func statusesAndMetadataAreRead() async throws {
        let glossary = Glossary(store: try await Fixtures.newStore())
        _ = try await glossary.importGlossary(at: Fixtures.corpusFile("tbx/WeblateOrg_weblate/fr-extended-metadata.tbx"))
        _ = try await glossary.importGlossary(at: Fixtures.corpusFile("tbx/okapi-framework_okapi/test02_win1254.tbx"))
        _ = try await glossary.importGlossary(at: Fixtures.corpusFile("tbx/DeNederlandscheBank_termate/Example_Astronomy_DCA_VALID.tbx"))
        let terms = try await glossary.store.allTerms().map(\.term)
        #expect(terms.contains { $0.status == .deprecated })  // administrativeStatus "obsolete"
        #expect(terms.contains { $0.text == "term with: éá and İı" })  // windows-1254
        #expect(terms.contains { $0.status == .preferred } && terms.contains { $0.status == .admitted })
        #expect(try await glossary.names("term with").first?.terms["tr"] != nil)
    }

    @Test func otherRootIsAClearError() async {
        await #expect(throws: FormatError.wrongRoot(found: "tmx", expected: "tbx")) {
            try await Glossary(store: try await Fixtures.newStore()).importGlossary(at: Fixtures.sampleTMX)
        }
    }
}

/// The shipped glossary (glossary/seed-names.tbx) against the seed news text it was made for.
@Suite struct SeedGlossaryTests {
    let glossary: Glossary

    init() async throws {
        glossary = Glossary(store: try await Fixtures.newStore())
        let report = try await glossary.importGlossary(at: Fixtures.repository.appendingPathComponent("glossary/seed-names.tbx").path)
        #expect(report.rejected.isEmpty && report.skippedTerms.isEmpty)
    }

    @Test(arguments: ["Путин", "putin", "PUTIN", "Pǔjīng", "pujing", "普京"])
    func putinFromAnyScript(query: String) async throws {
        let result = try #require(try await glossary.names(query, to: [LanguageTag("en"), LanguageTag("ru"), LanguageTag("zh")]).first)
        #expect(result.terms["en"]?.first?.text == "Vladimir Putin")
        #expect(result.terms["ru"]?.first?.text == "Владимир Путин")
        #expect(result.terms["zh-CN"]?.first?.text == "弗拉基米尔·普京")
    }

    @Test func exportAndReimportGiveTheSameConcepts() async throws {
        var tbx = ""
        let count = try await glossary.exportTBX { tbx += $0 }
        #expect(count == 98)
        let copy = Glossary(store: try await Fixtures.newStore())
        let report = try await copy.importGlossary(at: try Fixtures.write(tbx, name: "export.tbx"))
        #expect(report.imported == 98 && report.rejected.isEmpty && report.skippedTerms.isEmpty)
        func summary(_ glossary: Glossary) async throws -> [String] {
            try await glossary.store.allTerms().map { "\($0.term.language) \($0.term.status) \($0.term.text)" }.sorted()
        }
        #expect(try await summary(copy) == summary(glossary))
    }

    @Test func checkOverTheSeedTextFlagsTheGarbledNames() async throws {
        let article = try String(contentsOf: Fixtures.root.appendingPathComponent("Fixtures/seed/article.txt"), encoding: .utf8)
        let issues = try await glossary.check(source: article, language: LanguageTag("en"))
        let suggestions = Dictionary(issues.map { ($0.found, $0.suggestion?.text ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(suggestions["Nice Corridor of the Individuals"] == "Great Hall of the People")
        #expect(suggestions["Energy of Siberia 2"] == "Power of Siberia 2")
        #expect(suggestions["Carnegie Russia Eurasia Heart"] == "Carnegie Russia Eurasia Center")
        #expect(suggestions.keys.contains { $0.hasPrefix("Individuals") && $0.hasSuffix("Republic of China") })
        #expect(issues.allSatisfy { $0.kind == .deprecatedTerm })
    }
}

/// Both shipped glossaries loaded together, as `glossa serve` loads them into a new database.
@Suite struct ShippedGlossariesTests {
    let glossary: Glossary

    init() async throws {
        glossary = Glossary(store: try await Fixtures.newStore())
        for name in ["seed-names.tbx", "cldr-names.tbx"] {
            let report = try await glossary.importGlossary(at: Fixtures.repository.appendingPathComponent("glossary/\(name)").path)
            #expect(report.rejected.isEmpty && report.skippedTerms.isEmpty && report.duplicates == 0)
        }
    }

    @Test func citiesAreFoundFromAnyOfTheirLanguages() async throws {
        for query in ["Moskau", "莫斯科", "Moscou", "モスクワ"] {
            let result = try #require(try await glossary.names(query, to: [LanguageTag("ru")]).first { $0.domain == "city" }, "\(query)")
            #expect(result.terms["ru"]?.first?.text == "Москва")
        }
        let china = try #require(try await glossary.names("Китай", to: [LanguageTag("zh")]).first)
        #expect(china.terms["zh-CN"]?.first?.text == "中国")
    }

    @Test func putinIsStillFirstForEveryScript() async throws {
        for query in ["Путин", "putin", "普京"] {
            #expect(try await glossary.names(query, to: [LanguageTag("en")]).first?.terms["en"]?.first?.text == "Vladimir Putin")
        }
    }
}
