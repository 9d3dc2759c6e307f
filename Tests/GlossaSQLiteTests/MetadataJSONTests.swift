import Foundation
import GlossaModel
import GlossaStore
import Testing

@testable import GlossaSQLite

@Suite struct MetadataJSONTests {
    @Test func handWrittenJSONDecodesToTheSameMetadata() async throws {
        let metadata = Metadata(
            properties: [Property(type: "x-\"quoted\"", value: "back\\slash\ttab\nline \u{1} 普京 Путин 𝐀")],
            notes: ["", "note with \"quotes\" and </seg>"],
            attributes: ["creationdate": "20240101T000000Z", "usagecount": "3"])
        let json = try #require(SQLiteStore.json(metadata))
        #expect(try JSONDecoder().decode(Metadata.self, from: Data(json.utf8)) == metadata)
        #expect(SQLiteStore.json(Metadata()) == nil)
    }
}
