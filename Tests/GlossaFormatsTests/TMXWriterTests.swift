import Foundation
import GlossaFormats
import GlossaModel
import GlossaTestSupport
import Testing

@Suite struct TMXWriterTests {
    /// Every corpus file with units, written out and read back, gives the same units.
    @Test(arguments: [
        "tmx/omegat-org_omegat/ImportTest2A.tmx", "tmx/omegat-org_omegat/ImportTest1L.tmx",
        "tmx/okapi-framework_okapi/Paragraph_TM.tmx", "tmx/zanata_zanata-platform/default-valid-tm.tmx",
        "tmx/matecat_MateCat/exampleForTestOriginal.tmx",
    ])
    func roundTrip(file: String) throws {
        let original = try readAll(Fixtures.corpusFile(file)).units
        var written = ""
        let writer = TMXWriter(sourceLanguage: nil) { written += $0 }
        try writer.begin(creationDate: "20240101T000000Z")
        for unit in original { try writer.write(unit) }
        try writer.end()
        let again = try readAll(try Fixtures.write(written)).units
        #expect(again.map(\.segments.count) == original.map(\.segments.count))
        for (a, b) in zip(again, original) {
            #expect(a.segments.map(\.text) == b.segments.map(\.text))
            #expect(a.segments.map(\.markup) == b.segments.map(\.markup))
            #expect(a.contentKey == b.contentKey)
            #expect(a.metadata.properties == b.metadata.properties)
            #expect(a.metadata.notes == b.metadata.notes)
        }
    }
}
