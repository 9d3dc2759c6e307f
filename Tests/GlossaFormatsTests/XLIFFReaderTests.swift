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

    @Test(
        "Each real XLIFF file reads with the expected translated segments and reasons for the rest",
        arguments: [
            ("okapi-framework_okapi/test.txt_en-US_fr-FR.sdlxliff", 4, ["translate": 2, "draft": 1]),
            ("okapi-framework_okapi/xliff2-test01.xlf", 2, ["untranslated": 3]),
            ("okapi-framework_okapi/tstest.ts.xlf", 3, [:]),
            ("okapi-framework_okapi/keep_matching_bx_ex_ids.given.xlf", 1, [:]),
            ("okapi-framework_okapi/Test_Context_and_PH.xlf", 0, ["untranslated": 3]),
            ("omegat-org_omegat/en-xx.xlf", 3, ["untranslated": 4, "translate": 1]),
            ("omegat-org_omegat/file-XLIFFFilter-tags.xlf", 1, [:]),
            ("omegat-org_omegat/ex.14.5.xlf", 0, ["untranslated": 2]),
        ])
    func corpusCounts(file: String, imported: Int, rejected: [String: Int]) throws {
        let read = try readAll(Fixtures.corpusFile("xliff/" + file))
        #expect(read.units.count == imported)
        var reasons: [String: Int] = [:]
        for issue in read.rejected {
            let kind = ["untranslated", "draft", "translate"].first { issue.reason.contains($0) } ?? issue.reason
            reasons[kind, default: 0] += 1
        }
        #expect(reasons == rejected)
    }

    @Test("Nested g codes of an Okapi file pair in order, and a segment mrk in the target keeps only its text")
    func nestedPairedCodes() throws {
        let read = try readAll(Fixtures.corpusFile("xliff/okapi-framework_okapi/keep_matching_bx_ex_ids.given.xlf"))
        let unit = try #require(read.units.first)
        #expect(
            unit.segments[0].markup
                == "\n<bpt i=\"1\" x=\"pt1819\"/>\n<bpt i=\"2\" x=\"pt1820\"/>Ein oder zwei Sätze<ept i=\"2\"/>\n<ept i=\"1\"/>\n")
        #expect(unit.segments[1].text.trimmingCharacters(in: .whitespacesAndNewlines) == "One or two sentences")
        #expect(unit.segments[1].hasInlineCodes)
    }

    @Test("OmegaT's bpt/ept pair by rid and keep their native code; an it stays isolated")
    func omegatNativeCodes() throws {
        let read = try readAll(Fixtures.corpusFile("xliff/omegat-org_omegat/file-XLIFFFilter-tags.xlf"))
        let target = try #require(read.units.first?.segments[1])
        #expect(target.language.canonical == "be")
        #expect(target.text == "zzTags translation zz2z -NONTRANSLATED")
        #expect(
            target.markup
                == "zz<bpt i=\"1\">&lt;i&gt;</bpt>Tags<ept i=\"1\">&lt;/i&gt;</ept> translation zz<bpt i=\"2\">&lt;ig&gt;</bpt>2<ept i=\"2\">&lt;/ig&gt;</ept>z <it pos=\"begin\">&lt;bbb</it>-NONTRANSLATED"
        )
    }

    @Test("A one-segment seg-source pairs with a target written without mrk; native code keeps sub and leaves other tags out")
    func segSourceWithPlainTarget() throws {
        let path = try Fixtures.write(
            """
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="de"><body>
            <trans-unit id="1"><source>See <ph id="1">&lt;img alt="<sub>Logo</sub>"<b>/</b>></ph></source>
            <seg-source><mrk mtype="seg" mid="1">See <ph id="1">&lt;img alt="<sub>Logo</sub>"<b>/</b>></ph></mrk></seg-source>
            <target state="translated">Siehe <ph id="1">&lt;img alt="<sub>Logo</sub>"/></ph></target></trans-unit>
            </body></file></xliff>
            """, name: "plain-target.xlf")
        let unit = try #require(try readAll(path).units.first)
        #expect(unit.tuid == "1")
        #expect(unit.segments[0].markup == "See <ph x=\"1\">&lt;img alt=\"<sub>Logo</sub>\"/&gt;</ph>")
        #expect(unit.segments[1].text == "Siehe ")
    }

    @Test("States: drafts of either version are skipped with their state named, memoQ statuses and approved=yes are read")
    func states() throws {
        let path = try Fixtures.write(
            """
            <?xml version="1.0"?>
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
            <file original="Manual.docx" source-language="en-gb" target-language="nl-nl" datatype="x-docx"><body>
            <trans-unit id="1"><source>One</source><target state="new">Een</target></trans-unit>
            <trans-unit id="2"><source>Two</source><target state="needs-review-translation">Twee</target></trans-unit>
            <trans-unit id="3"><source>Three</source><target state="signed-off">Drie</target></trans-unit>
            <trans-unit id="4" approved="yes"><source>Four</source><target>Vier</target></trans-unit>
            <trans-unit id="5" mq:status="PartiallyEdited"><source>Five</source><target>Vijf</target></trans-unit>
            <trans-unit id="6" mq:status="ManuallyConfirmed"><source>Press <bpt id="1" ctype="bold">{}</bpt>Start<ept id="1">{}</ept> now.</source><target>Druk <bpt id="1" ctype="bold">{}</bpt>Start<ept id="1">{}</ept> nu.</target>
            <mq:minorversions><mq:historical-unit mq:status="NotStarted"><source>Six</source><target>Oud</target></mq:historical-unit></mq:minorversions></trans-unit>
            </body></file></xliff>
            """, name: "states.mqxliff")
        let read = try readAll(path)
        #expect(read.units.map(\.tuid) == ["3", "4", "6"])
        #expect(read.units.last?.segments[1].markup == "Druk <bpt i=\"1\" x=\"1\" type=\"bold\">{}</bpt>Start<ept i=\"1\">{}</ept> nu.")
        #expect(read.units.last?.metadata.properties.first == Property(type: XLIFFReader.stateProperty, value: "ManuallyConfirmed"))
        #expect(
            read.rejected.map(\.reason) == [
                "a draft (state=\"new\"), not a finished translation",
                "a draft (state=\"needs-review-translation\"), not a finished translation",
                "a draft (memoQ status PartiallyEdited), not a finished translation",
            ])
        let two = try Fixtures.write(
            """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.1" version="2.1" srcLang="en" trgLang="de"><file id="f">
            <unit id="a"><segment state="initial"><source>Draft</source><target>Entwurf</target></segment></unit>
            <unit id="b"><segment state="reviewed"><source>Done <sc id="1"/>bold<ec startRef="1"/></source><target>Fertig <sc id="1"/>fett<ec startRef="1"/></target></segment></unit>
            <group id="g" translate="no"><unit id="c"><segment state="final"><source>Kept out</source><target>Draussen</target></segment></unit></group>
            </file></xliff>
            """, name: "two.xlf")
        let read2 = try readAll(two)
        #expect(read2.units.map(\.tuid) == ["b"])
        #expect(read2.units.first?.segments[1].markup == "Fertig <bpt i=\"1\" x=\"1\"/>fett<ept i=\"1\"/>")
        #expect(read2.rejected.map(\.tuid) == ["a", "c"])
    }

    @Test("Languages come from the file: a translated unit of a file naming no target language, or no valid one, is rejected with that reason")
    func languagesFromTheFile() throws {
        func reasons(_ file: String) throws -> [String] {
            let path = try Fixtures.write(
                #"<xliff version="1.1"><file original="file.txt" \#(file) datatype="plaintext"><body>"#
                    + #"<trans-unit id="1" approved="yes"><source>One</source><target>Un</target></trans-unit></body></file></xliff>"#,
                name: "languages.xlf")
            return try readAll(path).rejected.map(\.reason)
        }
        #expect(try reasons(#"source-language="en-US""#) == ["the file names no target language"])
        #expect(try reasons(#"source-language="en-US" target-language="not a tag""#) == ["the target language 'not a tag' is not a language tag"])
        #expect(try reasons(#"source-language="en" target-language="fr""#).isEmpty)
    }

    @Test("A file that is no XLIFF, declares entities or breaks off is refused whole")
    func refusals() throws {
        let entity = try Fixtures.write(
            """
            <?xml version="1.0"?>
            <!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <xliff version="1.2"><file source-language="en" target-language="de"><body>
            <trans-unit id="1"><source>&e;</source><target>x</target></trans-unit></body></file></xliff>
            """, name: "entity.xlf")
        let refused = #expect(throws: FormatError.self) { _ = try readAll(entity) }
        #expect(refused?.description.contains("declares entities") == true)
        let broken = try Fixtures.write(
            """
            <xliff version="1.2"><file source-language="en" target-language="de"><body>
            <trans-unit id="1"><source>One</source><target>Eins</target></trans-unit>
            <trans-unit id="2"><source>Two</target></trans-unit></body></file></xliff>
            """, name: "broken.xlf")
        #expect(throws: FormatError.self) { _ = try readAll(broken) }
        let noFile = try Fixtures.write("<xliff version=\"1.2\"/>", name: "empty.xlf")
        #expect(throws: FormatError.missingElement("file")) { _ = try readAll(noFile) }
        let tmx = try Fixtures.write("<tmx version=\"1.4\"><body/></tmx>", name: "memory.xlf")
        #expect(throws: FormatError.wrongRoot(found: "tmx", expected: "xliff")) { _ = try readAll(tmx) }
    }

    @Test("An upload is told to be XLIFF by its root element, and folders find every XLIFF file name")
    func detection() throws {
        let upload = try Fixtures.write(
            try Data(contentsOf: URL(fileURLWithPath: Fixtures.corpusFile("xliff/okapi-framework_okapi/tstest.ts.xlf"))), name: "upload")
        #expect(MemoryFileFormat.of(upload) == .xliff)
        for name in ["a.xlf", "b.XLIFF", "c.sdlxliff", "d.mqxliff"] { #expect(MemoryFileFormat.named(name) == .xliff) }
    }
}
