import Foundation
import GlossaFormats
import GlossaModel
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@Suite struct XLIFFImportTests {
    func newMemory() async throws -> TranslationMemory {
        TranslationMemory(store: try await Fixtures.newStore())
    }

    @Test("An SDL Trados file imports its finished segments, a lookup finds them, and a second import adds nothing")
    func sdlxliffImportLookupAgain() async throws {
        let memory = try await newMemory()
        let path = Fixtures.corpusFile("xliff/okapi-framework_okapi/test.txt_en-US_fr-FR.sdlxliff")
        let report = try await memory.importer.importFile(at: path)
        #expect(report.imported == 4)
        #expect(report.rejectedCount == 3)
        #expect(report.rejected.contains { $0.tuid == "0414250d-cb61-4ed9-9a07-ad2e7587498a#3" && $0.reason.contains("Draft") })
        let query = LookupQuery(text: "Second longer sentence.", source: try LanguageTag("en-US"), target: try LanguageTag("fr-FR"))
        let match = try #require(try await memory.lookup(query).first)
        #expect(match.target.text == "Seconde phrase, plus longue.")
        #expect(match.score.value == 100)
        let stored = try #require(try await memory.unit(id: match.unitID))
        #expect(stored.metadata.properties.contains(Property(type: XLIFFReader.stateProperty, value: "Translated")))
        let again = try await memory.importer.importFile(at: path)
        #expect(again.imported == 0)
        #expect(again.duplicates == 4)
    }

    @Test("Inline codes of an XLIFF unit are stored as TMX codes and exported with its state as a TMX prop")
    func codesAndStateSurviveTMXExport() async throws {
        let memory = try await newMemory()
        let report = try await memory.importer.importFile(at: Fixtures.corpusFile("xliff/okapi-framework_okapi/tstest.ts.xlf"))
        #expect(report.imported == 2)
        #expect(report.duplicates == 1)
        let query = LookupQuery(text: "hello world", source: try LanguageTag("en-US"), target: try LanguageTag("fr-FR"))
        let matches = try await memory.lookup(query)
        #expect(matches.map(\.target.markup).contains("hejsan <ph x=\"1\"/>varlden"))
        var tmx = ""
        try await memory.export(source: nil, target: nil) { tmx += $0 }
        #expect(tmx.contains("<prop type=\"x-xliff-original\">tstest.ts</prop>"))
        #expect(tmx.contains("<seg>hejsan <ph x=\"1\"/>varlden</seg>"))
    }

    @Test("A broken or entity-declaring XLIFF file is refused whole and leaves the memory as it was")
    func brokenFilesStoreNothing() async throws {
        let memory = try await newMemory()
        _ = try await memory.importer.importFile(at: Fixtures.corpusFile("xliff/omegat-org_omegat/en-xx.xlf"))
        let before = try await memory.store.statistics(memories: nil)
        let good = #"<trans-unit id="1"><source>One</source><target>Eins</target></trans-unit>"#
        let broken = try Fixtures.write(
            #"<xliff version="1.2"><file source-language="en" target-language="de"><body>"# + good
                + #"<trans-unit id="2"><source>Two</source><target>Zwei</trans-unit></body></file></xliff>"#, name: "broken.xlf")
        let entity = try Fixtures.write(
            #"<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY big "Eins">]><xliff version="1.2"><file source-language="en" target-language="de"><body>"#
                + good + #"<trans-unit id="2"><source>Two</source><target>&big;</target></trans-unit></body></file></xliff>"#, name: "entity.xlf")
        for file in [broken, entity] {
            await #expect(throws: FormatError.self) { try await memory.importer.importFile(at: file) }
        }
        let after = try await memory.store.statistics(memories: nil)
        #expect(after.units == before.units)
        #expect(after.imports == before.imports)
    }

    @Test("A folder import finds .xlf, .sdlxliff and .mqxliff files beside TMX")
    func foldersFindXLIFF() throws {
        let files = Importer.expand([Fixtures.corpusFile("xliff")]).map { ($0 as NSString).lastPathComponent }
        #expect(files.contains("test.txt_en-US_fr-FR.sdlxliff"))
        #expect(files.contains("xliff2-test01.xlf"))
        #expect(files.count == 8)
    }
}
