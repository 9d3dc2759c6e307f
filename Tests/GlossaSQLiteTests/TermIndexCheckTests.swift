import Foundation
import GRDB
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@testable import GlossaSQLite

/// TermIndexCheck finds what a careless write would leave (rows changed by hand here), and a
/// replace whose index is written out midway leaves none of it.
@Suite struct TermIndexCheckTests {
    func sampleStore(flushBytes: Int = TermIndexWriter.defaultFlushBytes) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: Fixtures.databasePath(), termIndexFlushBytes: flushBytes)
        _ = try await TranslationMemory(store: store).importer.importFile(at: Fixtures.sampleTMX)
        return store
    }

    @Test func segmentsDeletedWithoutTheirPostingsAreFound() async throws {
        let store = try await sampleStore()
        try await store.pool.write { db in
            try db.execute(sql: "DELETE FROM unit WHERE tuid = 'visit-002'")  // its segments go by the cascade, its postings stay
        }
        let report = try await TermIndexCheck(store: store).run()
        #expect(!report.isConsistent)
        #expect(report.problems.contains { $0.contains("which is not stored") })
        // Its words' counts still agree with their postings: only the missing segments are wrong.
        #expect(report.problems.allSatisfy { $0.contains("which is not stored") }, "\(report)")
    }

    @Test func aWrongWordCountIsFound() async throws {
        let store = try await sampleStore()
        try await store.pool.write { db in try db.execute(sql: "UPDATE token SET segments = segments + 1 WHERE text = 'beijing'") }
        let report = try await TermIndexCheck(store: store).run()
        #expect(report.problemCount == 1, "\(report)")
    }

    @Test func aReplaceWrittenOutAfterEverySegmentLeavesAConsistentIndex() async throws {
        let store = try await sampleStore(flushBytes: 1)
        let memory = TranslationMemory(store: store)
        var id: Int64 = 0
        try await store.forEachUnit(withLanguageGroups: [], memories: nil) { if $0.tuid == "visit-004" { id = $0.id } }
        let edited = try await memory.updateUnit(
            id: id,
            segments: [
                Segment(language: LanguageTag("en"), text: "Putin arrived in Beijing for a two-day visit."),
                Segment(language: LanguageTag("ru"), text: "Путин прибыл в Пекин с двухдневным визитом."),
                Segment(language: LanguageTag("zh-CN"), text: "普京抵达北京，进行为期两天的访问。"),
            ])
        #expect(edited?.segments.count == 3)
        let report = try await TermIndexCheck(store: store).run()
        #expect(report.isConsistent, "\(report)")
    }
}
