import Foundation
import GRDB
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@testable import GlossaSQLite

/// An import writes its part of the term index out midway once it holds too much; the index must
/// then answer exactly as if it had been written at the end.
@Suite struct TermIndexFlushTests {
    @Test func writingTheIndexOutAfterEverySegmentChangesNoAnswer() async throws {
        let whole = try SQLiteStore(path: Fixtures.databasePath())
        let flushed = try SQLiteStore(path: Fixtures.databasePath(), termIndexFlushBytes: 1)
        for store in [whole, flushed] {
            _ = try await TranslationMemory(store: store).importer.importFile(at: Fixtures.sampleTMX)
            // A second file, so that words of the first are updated, not inserted.
            let more = Fixtures.tmx([[("en", "Putin and Xi met again in Beijing."), ("ru", "Путин и Си снова встретились в Пекине.")]])
            _ = try await TranslationMemory(store: store).importer.importFile(at: try Fixtures.write(more))
        }
        let vocabulary = "SELECT language_group, text, segments FROM token ORDER BY language_group, text"
        let readWhole = try whole.pool.read { try Row.fetchAll($0, sql: vocabulary) }
        let readFlushed = try flushed.pool.read { try Row.fetchAll($0, sql: vocabulary) }
        #expect(readWhole.count > 500)
        #expect(readWhole == readFlushed)
        let blocks = "SELECT count(*) FROM posting"
        #expect(try await flushed.pool.read { try Int.fetchOne($0, sql: blocks)! } > whole.pool.read { try Int.fetchOne($0, sql: blocks)! })

        for (text, source, target) in [
            ("Putin arrives in Beijing", "en", "ru"), ("Putin and Xi met in Beijing", "en", "ru"),
            ("Путин прибыл в Пекин", "ru", "zh-CN"),
        ] {
            let query = LookupQuery(text: text, source: try LanguageTag(source), target: try LanguageTag(target), minimum: 40, limit: 10)
            let expected = try await TranslationMemory(store: whole).lookup(query).map { "\($0.score.value) \($0.target.text)" }
            #expect(!expected.isEmpty)
            #expect(try await TranslationMemory(store: flushed).lookup(query).map { "\($0.score.value) \($0.target.text)" } == expected)
        }
        for phrase in ["Putin", "Beijing", "Си"] {
            let expected = try await TranslationMemory(store: whole).concordance(phrase, language: nil).map(\.unitID)
            #expect(!expected.isEmpty, "\(phrase)")
            #expect(try await TranslationMemory(store: flushed).concordance(phrase, language: nil).map(\.unitID) == expected)
        }
    }
}
