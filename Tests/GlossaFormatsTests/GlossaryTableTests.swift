import Foundation
import GlossaFormats
import GlossaModel
import GlossaTestSupport
import GlossaText
import Testing

func readTable(_ path: String, languages: [String]? = nil) throws -> (concepts: [Concept], rejected: [UnitIssue], reader: GlossaryTableReader) {
    let reader = try GlossaryTableReader(path: path, languages: try languages?.map { try LanguageTag($0) })
    let (concepts, rejected, _) = try readGlossary(reader)
    return (concepts, rejected, reader)
}

func table(
    _ contents: String, name: String = "glossary.csv", languages: [String]? = ["en", "fr"]
) throws -> (concepts: [Concept], rejected: [UnitIssue], reader: GlossaryTableReader) {
    try readTable(try Fixtures.write(contents, name: name), languages: languages)
}

/// Every CSV/TSV glossary of the peer corpus, read as its MANIFEST.md says a correct importer should.
@Suite struct GlossaryTableCorpusTests {
    static let entries = (try? Fixtures.manifestGlossaries()) ?? []

    @Test func manifestListsAll12Files() {
        #expect(Self.entries.count == 12)
    }

    @Test(arguments: entries.map(\.file))
    func readsAsTheManifestSays(file: String) throws {
        let entry = try #require(Self.entries.first { $0.file == file })
        let path = Fixtures.corpusFile(file)
        // Files without a header of language tags are in these languages.
        let languages = file.contains("WeblateOrg") ? ["en", "cs"] : ["en", "fr"]
        if entry.bytes == 0 {
            // Our policy for "0 entries or a clear error": the error, as for TMX and TBX.
            #expect(entry.expectation.contains("error"))
            #expect(throws: FormatError.emptyFile) { try readTable(path, languages: languages) }
            return
        }
        let (concepts, rejected, reader) = try readTable(path, languages: languages)
        #expect(rejected.isEmpty)
        #expect(reader.rowsRead == concepts.count)
        #expect(concepts.count(where: { Set($0.terms.map(\.language)).count >= 2 }) == entry.entries, "\(entry.expectation)")
        #expect(concepts.count(where: { Set($0.terms.map(\.language)).count == 1 }) == entry.untranslated)
        if let languagesPerEntry = entry.languagesPerEntry {
            #expect(concepts.allSatisfy { Set($0.terms.map(\.language)).count == languagesPerEntry })
        }
    }
}

@Suite struct GlossaryTableContentTests {
    @Test func omegatCSVQuirks() throws {
        let (concepts, rejected, reader) = try readTable(Fixtures.corpusFile("glossary/omegat-org_omegat/test.csv"), languages: ["en", "fr"])
        #expect(!reader.hasHeader && reader.delimiter == ",")
        #expect(rejected.isEmpty)
        #expect(
            concepts.map { terms($0, "en").first } == [
                "kde", "question", "kde; question", "kde, qu", #""kde","q""#, #"""k"#, #"zz"zz"#,
            ])
        #expect(concepts.map { terms($0, "fr").first } == ["csv kde", "csv q", "comma", "comma dot", "cdk", "k", "zz"])
        #expect(concepts.map(\.line) == [1, 2, 3, 4, 5, 6, 7])
    }

    @Test func utf16LittleEndianTSVWithComments() throws {
        let (concepts, _, reader) = try readTable(
            Fixtures.corpusFile("glossary/omegat-org_omegat/testUTF16LE.txt"), languages: ["en", "en-x-expanded"])
        #expect(reader.delimiter == "\t")
        #expect(concepts.map { terms($0, "en") } == [["UTF"], ["LE"]])
        #expect(concepts.map { terms($0, "en-x-expanded") } == [["Unicode Transformation Format"], ["Little Endian"]])
        #expect(concepts.map(\.note) == ["Comment #1", "Comment #2"])  // no CR left from the CRLF
    }

    @Test func bomAndEmacsCodingCommentOnlyIsZeroEntries() throws {
        // No languages are needed when there is no row to read.
        let (concepts, rejected, _) = try readTable(Fixtures.corpusFile("glossary/omegat-org_omegat/test-magiccomment-bom.tab"))
        #expect(concepts.isEmpty && rejected.isEmpty)
    }

    @Test func omegatTabWithOptionalCommentColumn() throws {
        let (concepts, _, _) = try readTable(Fixtures.corpusFile("glossary/omegat-org_omegat/test.tab"), languages: ["ja", "fr"])
        #expect(concepts.count == 4)
        #expect(terms(concepts[2], "ja") == ["地球システム"] && terms(concepts[2], "fr") == ["System Terre"])
        #expect(concepts[2].note?.hasPrefix("https://fr.wikipedia.org/") == true)
        #expect(concepts[0].note == nil)
    }

    @Test func headerOfLanguageTagsWithZanataColumns() throws {
        let (concepts, _, reader) = try readTable(Fixtures.corpusFile("glossary/zanata_zanata-platform/compendium.csv"))
        #expect(reader.hasHeader)
        #expect(
            reader.columns == [
                .term(try LanguageTag("en-US")), .term(try LanguageTag("hi")), .term(try LanguageTag("pl")),
                .partOfSpeech, .definition,
            ])
        #expect(terms(concepts[0], "pl") == ["cześć"])
        #expect(concepts[0].terms.allSatisfy { $0.partOfSpeech == "noun" })
        #expect(concepts[0].definition == "Greeting")

        let second = try readTable(Fixtures.corpusFile("glossary/zanata_zanata-platform/translate2.csv"))
        #expect(second.reader.columns.last == .partOfSpeech && second.reader.columns[4] == .ignored("synonyms"))
        #expect(terms(second.concepts[1], "zh") == ["上午"])
        #expect(second.concepts[0].definition == "testing of hello csv" && second.concepts[0].terms[0].partOfSpeech == "verb")
    }

    @Test func headerOfWordsNeedsLanguages() throws {
        let path = Fixtures.corpusFile("glossary/WeblateOrg_weblate/en-3col.csv")
        #expect(throws: FormatError.languagesNeeded(columns: ["source", "target", "translator_comments"])) { try readTable(path) }
        let (concepts, _, reader) = try readTable(path, languages: ["en", "de"])
        #expect(reader.hasHeader && reader.columns.last == .note)
        #expect(concepts.map { terms($0, "de") } == [["q123"], ["q234"], ["qwe12"]])
        #expect(concepts.allSatisfy { $0.note == nil })
    }

    @Test func keyValueHeaderKeepsEscapesAsWrittenAndUntranslatedRowsAsSourceOnly() throws {
        let (concepts, _, reader) = try readTable(Fixtures.corpusFile("glossary/WeblateOrg_weblate/cs.csv"), languages: ["en", "cs"])
        #expect(reader.hasHeader)
        #expect(terms(concepts[0], "en") == [#"Hello, world!\n"#] && terms(concepts[0], "cs") == [#"Ahoj světe!\n"#])
        #expect(concepts.dropFirst().allSatisfy { $0.terms.count == 1 && $0.terms[0].language.canonical == "en" })
    }

    @Test func noHeaderWithoutLanguagesIsAClearError() throws {
        let path = Fixtures.corpusFile("glossary/WeblateOrg_weblate/cs-quotes.csv")
        #expect(throws: FormatError.languagesNeeded(columns: ["source", "target", "comment"])) { try readTable(path) }
        #expect("\(FormatError.languagesNeeded(columns: ["source", "target"]))".contains("give the languages"))
    }

    @Test func wrongCellCountRejectsTheRowWithItsLine() throws {
        let (concepts, rejected, reader) = try table(
            """
            en,fr,note
            "multi
            line",multi-ligne,
            only one

            a,b,c,d
            ,,,
            ,solo,
            ,,just a note
            cat,chat,,,
            """)
        #expect(concepts.map { terms($0, "en") } == [["multi\nline"], [], ["cat"]])
        #expect(concepts[1].terms.map(\.text) == ["solo"])
        #expect(rejected.map(\.line) == [4, 6, 9])
        #expect(rejected[0].reason == "row at line 4 has 1 cell, expected 3")
        #expect(rejected[2].reason.contains("no term"))
        #expect(reader.rowsRead == 6 && reader.termsRead == 5)
    }

    @Test func semicolonsAndTabsAreDetected() throws {
        let semicolons = try table("de;fr\nHaus;maison\n\"a;b\";c\n")
        #expect(semicolons.reader.delimiter == ";")
        #expect(semicolons.concepts.map { terms($0, "de") } == [["Haus"], ["a;b"]])
        let tabs = try table("# comment\nHaus\tmaison, la\n", name: "g.csv")
        #expect(tabs.reader.delimiter == "\t")
        #expect(terms(tabs.concepts[0], "fr") == ["maison, la"])
    }

    @Test func quotedFieldsThatDoNotCloseAreLiteral() throws {
        let (concepts, _, _) = try table("\"say \"hi\" now\"\tdire\n\"x\"\ty\n", name: "g.tsv")
        #expect(concepts.map { terms($0, "en") } == [[#""say "hi" now""#], ["x"]])
    }

    @Test func utf16BigEndianAndBadUTF8() throws {
        var big = Data([0xFE, 0xFF])
        big.append("en,ru\nPutin,Путин\n".data(using: .utf16BigEndian)!)
        let concepts = try readTable(try Fixtures.write(big, name: "be.csv")).concepts
        #expect(terms(concepts[0], "ru") == ["Путин"])
        let bad = try Fixtures.write(Data([0x61, 0x2C, 0xC3, 0x28, 0x0A]), name: "bad.csv")
        #expect(throws: FormatError.undecodableText(encoding: "UTF-8")) { try readTable(bad, languages: ["en", "fr"]) }
    }

    @Test func wordsThatLookLikeCodesAreNotAHeader() throws {
        let (concepts, _, reader) = try table("die,the\nok,d'accord\n", languages: ["de", "en"])
        #expect(!reader.hasHeader && concepts.count == 2)
    }
}
