import Foundation
import GlossaFormats
import GlossaModel
import GlossaTestSupport
import Testing

@Suite struct XLIFFReaderTests {
    struct Read {
        var units: [TranslationUnit] = []
        var rejected: [UnitIssue] = []
    }

    func readAll(_ path: String) throws -> Read {
        var read = Read()
        let reader = try MemoryFileFormat.of(path).reader(path: path)
        while let item = try reader.next() {
            switch item {
            case .unit(let unit, _): read.units.append(unit)
            case .rejected(let issue): read.rejected.append(issue)
            }
        }
        return read
    }

    @Test("An SDL Trados file imports the segments its confirmation levels call translated or signed off, and names the draft")
    func sdlxliffLevels() throws {
        let read = try readAll(Fixtures.corpusFile("xliff/okapi-framework_okapi/test.txt_en-US_fr-FR.sdlxliff"))
        #expect(read.units.map(\.segments[1].text) == ["Première phrase", "Seconde phrase, plus longue.", "Modifier ", "Et match CM."])
        #expect(read.units.map(\.tuid) == ["1", "2", "4", "5"].map { "0414250d-cb61-4ed9-9a07-ad2e7587498a#\($0)" })
        #expect(read.units.first?.metadata.properties.first == Property(type: "x-xliff-state", value: "Translated"))
        #expect(read.rejected.count == 3)
        #expect(read.rejected.contains { $0.reason.contains("SDL confirmation level Draft") })
        #expect(read.rejected.filter { $0.reason.contains("translate=\"no\"") }.count == 2)
    }

    @Test("An XLIFF 2 file from Okapi imports the translated and the state-less segments with targets, codes from originalData")
    func xliff2Okapi() throws {
        let path = Fixtures.corpusFile("xliff/okapi-framework_okapi/xliff2-test01.xlf")
        let read = try readAll(path)
        #expect(read.units.map(\.segments[0].text) == ["Sample segment.", "Segment's content."])
        #expect(read.units.map(\.tuid) == ["tu1#1", "tu1#2"])
        #expect(read.rejected.map(\.tuid) == ["tu3", "tu3end", "tu2"])
        let reader = try XLIFFReader(path: path)
        var last: XLIFFSegment?
        while let segment = try reader.nextSegment() { last = segment }
        #expect(last?.source.text == "special text and more\n.")
        #expect(
            last?.source.markup
                == "<bpt i=\"1\" x=\"1\">[b [#$tu3]   ]</bpt>special text<ept i=\"1\">[/b [#t3end]   ]</ept> and more\n<ph x=\"2\">[rtl-data   ]</ph>."
        )
    }

    @Test("XLIFF 1.2 inline codes become the TMX codes a TMX import stores, with their XLIFF ids")
    func inlineCodes12() throws {
        let path = try Fixtures.write(
            """
            <?xml version="1.0"?>
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
            <file original="a.html" source-language="en" target-language="de" datatype="html"><body>
            <trans-unit id="1"><source>Click <g id="1" ctype="bold">here</g><x id="2"/> or <bpt id="3">&lt;i></bpt>there<ept id="3">&lt;/i></ept>, <bx id="4" rid="r1"/>open<ex id="5" rid="r1"/> <mrk mtype="term">now</mrk></source>
            <target state="translated">Klicke <g id="1" ctype="bold">hier</g><x id="2"/> oder <bpt id="3">&lt;i></bpt>dort<ept id="3">&lt;/i></ept>, <bx id="4" rid="r1"/>offen<ex id="5" rid="r1"/> <mrk mtype="term">jetzt</mrk></target></trans-unit>
            </body></file></xliff>
            """, name: "codes.xlf")
        let read = try readAll(path)
        let unit = try #require(read.units.first)
        #expect(unit.segments[0].text == "Click here or there, open now")
        #expect(
            unit.segments[0].markup
                == "Click <bpt i=\"1\" x=\"1\" type=\"bold\"/>here<ept i=\"1\"/><ph x=\"2\"/> or <bpt i=\"2\" x=\"3\">&lt;i&gt;</bpt>there<ept i=\"2\">&lt;/i&gt;</ept>, <bpt i=\"3\" x=\"4\"/>open<ept i=\"3\"/> now"
        )
        #expect(unit.segments[1].language.canonical == "de")
    }
}
