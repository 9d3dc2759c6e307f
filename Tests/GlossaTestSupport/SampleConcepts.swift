import Foundation
import GlossaModel
import GlossaStore
import GlossaText

extension Fixtures {
    /// Two concepts written here, so name searches can be tested apart from the shipped glossary.
    public static func sampleConcepts() throws -> [Concept] {
        let en = try LanguageTag("en"), ru = try LanguageTag("ru"), zh = try LanguageTag("zh-CN")
        return [
            Concept(
                id: "putin", domain: "person", definition: "President of Russia",
                terms: [
                    Term(text: "Vladimir Putin", language: en, status: .preferred),
                    Term(text: "Putin", language: en, status: .admitted),
                    Term(text: "Владимир Путин", language: ru, status: .preferred),
                    Term(text: "Путин", language: ru, status: .admitted),
                    Term(text: "弗拉基米尔·普京", language: zh, status: .preferred),
                    Term(text: "普京", language: zh, status: .admitted),
                ]),
            Concept(
                id: "great-hall", domain: "facility",
                terms: [
                    Term(text: "Great Hall of the People", language: en, status: .preferred),
                    Term(text: "Nice Corridor of the Individuals", language: en, status: .deprecated, note: "garbled"),
                    Term(text: "人民大会堂", language: zh, status: .preferred),
                ]),
            Concept(
                id: "xi", domain: "person",
                terms: [
                    Term(text: "Xi Jinping", language: en, status: .preferred),
                    Term(text: "习近平", language: zh, status: .preferred),
                ]),
        ]
    }

    public static func storePutin(in glossary: Glossary) async throws {
        let concepts = try sampleConcepts()
        try await glossary.store.writeConcepts(origin: "fixtures") { insert in
            for concept in concepts { _ = try await insert(PreparedConcept(concept)) }
        }
    }
}

extension Fixtures {
    /// The glossaries shipped in glossary/, loaded once into a store that the tests share (read
    /// only: a test that writes makes its own).
    private static let shippedGlossaryLoaded = Task { () async throws -> any Storage in
        let store = try await newStore()
        let glossary = Glossary(store: store)
        for file in try shippedGlossaryFiles() { _ = try await glossary.importGlossary(at: file) }
        return store
    }

    public static func shippedGlossary() async throws -> Glossary {
        Glossary(store: try await shippedGlossaryLoaded.value)
    }

    /// The TBX files of glossary/, in name order.
    public static func shippedGlossaryFiles() throws -> [String] {
        let folder = repository.appendingPathComponent("glossary")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tbx") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }
}
