import Foundation
import GlossaFormats
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Glossary and memory exports read back through Glossa's own readers.
@Suite struct ExportTests {
    static let en = try! LanguageTag("en"), ru = try! LanguageTag("ru"), zh = try! LanguageTag("zh-CN")

    /// The sample glossary and a concept with a forbidden term and a definition that needs quoting.
    static func glossary() async throws -> Glossary {
        let glossary = Glossary(store: try await Fixtures.newStore())
        try await Fixtures.storePutin(in: glossary)
        let phone = Concept(
            id: "phone", definition: "A hand-held telephone, the \"mobile\", with a comma",
            terms: [
                Term(text: "mobile phone", language: en, status: .preferred),
                Term(text: "cell phone", language: en, status: .admitted),
                Term(text: "сотовый телефон", language: ru, status: .admitted),
                Term(text: "мобильный телефон", language: ru, status: .preferred),
                Term(text: "мобила", language: ru, status: .forbidden),
            ])
        try await glossary.store.writeConcepts(origin: "test") { insert in _ = try await insert(PreparedConcept(phone)) }
        return glossary
    }

    static func export(_ glossary: Glossary, _ format: GlossaryExportFormat, languages: [LanguageTag]? = nil) async throws -> String {
        var text = ""
        try await glossary.export(format: format, languages: languages) { text += $0 }
        return text
    }

    static func concepts(_ glossary: Glossary) async throws -> Set<String> {
        let ids = try await glossary.store.conceptIDs(after: 0, limit: 1_000)
        return Set(try await glossary.store.concepts(ids: ids).map(\.concept.contentKey))
    }

    @Test("Both TBX editions re-import to the same concepts: every term, language and status, forbidden included")
    func tbxRoundTrip() async throws {
        let original = try await Self.glossary()
        for format in [GlossaryExportFormat.tbx, .tbx2008] {
            let text = try await Self.export(original, format)
            #expect(text.contains(format == .tbx ? "<conceptEntry" : "<termEntry"))
            let copy = Glossary(store: try await Fixtures.newStore())
            let report = try await copy.importGlossary(at: try Fixtures.write(text, name: "export.tbx"))
            #expect(report.imported == 4 && report.rejected.isEmpty, "\(format)")
            #expect(try await Self.concepts(copy) == (try await Self.concepts(original)), "\(format)")
        }
    }

    @Test("OmegaT's TSV holds every pair of usable terms and Weblate's CSV each source term's preferred translation, read back by the table reader")
    func tablesRoundTrip() async throws {
        let original = try await Self.glossary()
        let expectedTSV: Set<[String]> = [
            ["Vladimir Putin", "Владимир Путин"], ["Vladimir Putin", "Путин"], ["Putin", "Владимир Путин"], ["Putin", "Путин"],
            ["mobile phone", "мобильный телефон"], ["mobile phone", "сотовый телефон"],
            ["cell phone", "мобильный телефон"], ["cell phone", "сотовый телефон"],
        ]
        let expectedCSV: Set<[String]> = [
            ["Vladimir Putin", "Владимир Путин"], ["Putin", "Владимир Путин"],
            ["mobile phone", "мобильный телефон"], ["cell phone", "мобильный телефон"],
        ]
        for (format, expected) in [(GlossaryExportFormat.tsv, expectedTSV), (.csv, expectedCSV)] {
            let text = try await Self.export(original, format, languages: [Self.en, Self.ru])
            #expect(!text.contains("мобила"))
            let reader = try GlossaryTableReader(path: try Fixtures.write(text, name: "export.\(format)"), languages: [Self.en, Self.ru])
            var pairs: Set<[String]> = []
            var notes: Set<String> = []
            while let item = try reader.next() {
                guard case .concept(let concept, _) = item else {
                    Issue.record("rejected: \(item)")
                    continue
                }
                pairs.insert(concept.terms.map(\.text))
                if let note = concept.note { notes.insert(note) }
            }
            #expect(pairs == expected, "\(format)")
            #expect(notes == ["President of Russia", "A hand-held telephone, the \"mobile\", with a comma"], "\(format)")
        }
        await #expect(throws: GlossaryExportError.languagePairNeeded(.tsv)) { _ = try await Self.export(original, .tsv) }
    }

    @Test("An exported memory re-imports to the same units, and the lookup filters choose which")
    func memoryRoundTrip() async throws {
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        _ = try await memory.importer.importFile(at: Fixtures.sampleTMX)
        let acme = try await memory.createMemory(try MemorySettings(name: MemoryName("client-acme"), client: "ACME"))
        let dated = Fixtures.tmxDocument(
            body: """
                <tu changedate="20240601T120000Z"><prop type="x-project">alpha</prop><tuv xml:lang="en"><seg>The merger closed.</seg></tuv>\
                <tuv xml:lang="ru"><seg>Слияние завершено.</seg></tuv></tu>
                <tu changedate="20200101T000000Z"><tuv xml:lang="en"><seg>The merger stalled.</seg></tuv>\
                <tuv xml:lang="ru"><seg>Слияние застопорилось.</seg></tuv></tu>

                """)
        _ = try await memory.importer.importFile(at: try Fixtures.write(dated), into: acme.name)

        func exported(_ scope: MemoryScope) async throws -> (count: Int, keys: Set<String>) {
            var text = ""
            let count = try await memory.export(source: nil, target: nil, scope: scope) { text += $0 }
            let copy = TranslationMemory(store: try await Fixtures.newStore())
            let report = try await copy.importer.importFile(at: try Fixtures.write(text))
            #expect(report.imported == count)
            var keys: Set<String> = []
            try await copy.store.forEachUnit(withLanguageGroups: [], memories: nil) { keys.insert($0.translationUnit { _ in true }.contentKey) }
            return (count, keys)
        }
        func keys(in name: MemoryName) async throws -> Set<String> {
            let stored = try await memory.memory(named: name)
            var keys: Set<String> = []
            try await memory.store.forEachUnit(withLanguageGroups: [], memories: [stored.id]) {
                keys.insert($0.translationUnit { _ in true }.contentKey)
            }
            return keys
        }

        let whole = try await exported(try await memory.scope(names: [.defaultMemory]))
        #expect(whole.count == 91)
        #expect(whole.keys == (try await keys(in: .defaultMemory)))
        #expect(try await exported(try await memory.scope(names: nil, client: "ACME")).keys == (try await keys(in: acme.name)))
        var project = try await memory.scope(names: nil)
        project.properties = [Property(type: "x-project", value: "alpha")]
        #expect(try await exported(project).count == 1)
        var recent = try await memory.scope(names: [acme.name])
        recent.changedAfter = MemoryScope.tmxDate("2024-01-01")
        #expect(try await exported(recent).count == 1)
    }
}
