import Foundation
import GlossaFormats
import GlossaModel
import GlossaTestSupport
import Testing

/// Reads a whole file: accepted units and rejections.
func readAll(_ path: String) throws -> (units: [TranslationUnit], rejected: [UnitIssue], reader: TMXReader) {
    let reader = try TMXReader(path: path)
    var units: [TranslationUnit] = []
    var rejected: [UnitIssue] = []
    while let item = try reader.next() {
        switch item {
        case .unit(let unit, _): units.append(unit)
        case .rejected(let issue): rejected.append(issue)
        }
    }
    return (units, rejected, reader)
}

func text(_ unit: TranslationUnit, _ language: String) -> String? {
    unit.segments.first { $0.language.canonical == language }?.text
}

@Suite struct TMXCorpusContentTests {
    @Test func complianceKitWhitespaceReferencesAreKept() throws {
        let units = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/ImportTest1A.tmx")).units
        #expect(text(units[0], "en-US")?.contains("[\t\t   ]") == true)
    }

    @Test func sameContentInEveryEncodingReadsTheSame() throws {
        let reference = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/ImportTest1E.tmx")).units
        for file in ["ImportTest1D.tmx", "ImportTest1F.tmx", "ImportTest1G.tmx", "ImportTest1H.tmx"] {
            let units = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/\(file)")).units
            #expect(units.map(\.segments) == reference.map(\.segments), "\(file)")
        }
        // In 1D the en-US and en-GB segments are the same text once references are decoded.
        for unit in reference { #expect(text(unit, "en-US") == text(unit, "en-GB")) }
    }

    @Test func utf16ByteOrdersAgree() throws {
        let little = try readAll(Fixtures.corpusFile("tmx/heartsome_tmxeditor8/UTF-16LE.TMX")).units
        let big = try readAll(Fixtures.corpusFile("tmx/heartsome_tmxeditor8/utf-16be.tmx")).units
        #expect(little.count == 2)
        #expect(little.map(\.segments) == big.map(\.segments))
        #expect(little.contains { ($0.segments.first?.text ?? "").contains("&lt;syntaxhighlight lang=\"java\"&gt;") })
    }

    @Test func inlineCodesLeaveThePlainTextAndStayInTheMarkup() throws {
        let units = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/ImportTest2A.tmx")).units
        let english = try #require(units.first?.segments.first { $0.language.canonical == "en-US" })
        #expect(english.text == "The big black cat sleeps.")
        #expect(english.markup.contains("<bpt"))
        #expect(english.hasInlineCodes)
    }

    @Test func subFlowInsideCodesIsNotText() throws {
        let units = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/ImportTest2C.tmx")).units
        #expect(text(units[0], "en-US") == "Click  to start.")
        #expect(units[0].segments.first?.markup.contains("<sub>Start Here!</sub>") == true)
    }

    @Test func ideographicSpacesAreNotTrimmed() throws {
        let units = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/ImportTest1I.tmx")).units
        #expect(text(units[0], "ja-JP")?.contains("\u{3000}\u{3000}") == true)
    }

    @Test func astralPlaneCharactersSurvive() throws {
        let units = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/test-SMP.tmx")).units
        #expect(units[0].segments.allSatisfy { $0.text.unicodeScalars.count == 3 && $0.text.unicodeScalars.allSatisfy { $0.value > 0xFFFF } })
    }

    @Test func tmx11LangAttributeAndMixedCaseCodes() throws {
        let units = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/ImportTest1B.tmx")).units
        #expect(units[0].languages.map(\.canonical) == ["en-US", "fr-CA"])
        let old = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/test-multiple-tuv.tmx")).units
        #expect(old[0].segments.filter { $0.language.canonical == "fr-CA" }.count == 2)  // both kept
    }

    @Test func posixLocaleIdsBecomeBCP47() throws {
        let units = try readAll(Fixtures.corpusFile("tmx/zanata_zanata-platform/dubious-tm-with-underscores.tmx")).units
        #expect(units[0].languages.map(\.canonical).contains("en-US"))
        #expect(units[0].languages.map(\.canonical).contains("es-ES"))
    }

    @Test func unitSourceLanguageOverridesTheHeader() throws {
        let (units, _, reader) = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/ImportTest1K.tmx"))
        #expect(reader.header.sourceLanguage?.canonical == "en-US")
        #expect(units.map { $0.sourceLanguage?.canonical } == ["de-DE", "fr-CA"])
        let all = try readAll(Fixtures.corpusFile("tmx/heartsome_tmxeditor8/UTF-16LE.TMX"))
        #expect(all.reader.header.sourceLanguage == nil)  // *all*
    }

    @Test func propertiesNotesAndDatesAreKept() throws {
        let (units, _, reader) = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/ImportTest1L.tmx"))
        #expect(reader.header.metadata.notes.count == 2)
        #expect(!units[0].metadata.notes.isEmpty)
        #expect(!units[0].metadata.properties.isEmpty)
        #expect(units[0].metadata.creationDate == "20020523T091200Z")
    }

    @Test func unitsWithoutTwoLanguagesAreRejectedWithTheirLine() throws {
        let confusion = try readAll(Fixtures.corpusFile("tmx/okapi-framework_okapi/okapi-confusion.tmx"))
        #expect(confusion.units.isEmpty)
        #expect(confusion.rejected.count == 1)
        #expect(confusion.rejected[0].line > 1)
        let invalid = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/invalid.tmx"))
        #expect(invalid.rejected.first?.reason.contains("no text outside inline codes") == true)
    }

    @Test func emptyBodyIsZeroUnitsNotAnError() throws {
        let (units, rejected, _) = try readAll(Fixtures.corpusFile("tmx/omegat-org_omegat/empty.tmx"))
        #expect(units.isEmpty && rejected.isEmpty)
    }
}

@Suite struct TMXReaderSafetyTests {
    @Test func zeroByteFileIsAnError() throws {
        #expect(throws: FormatError.emptyFile) { try readAll(Fixtures.corpusFile("tmx/heartsome_tmxeditor8/ImportTMXTest0.tmx")) }
        #expect(throws: FormatError.emptyFile) { try readAll(try Fixtures.write("")) }
        #expect(throws: FormatError.self) { try readAll(try Fixtures.write("   \n")) }
    }

    @Test func otherRootIsAnError() throws {
        let path = Fixtures.corpusFile("tbx/omegat-org_omegat/sampleTBXfile.tbx")
        #expect(throws: FormatError.wrongRoot(found: "martif", expected: "tmx")) { try readAll(path) }
    }

    @Test func truncatedFileIsAnError() throws {
        let full = try String(contentsOfFile: Fixtures.sampleTMX, encoding: .utf8)
        let path = try Fixtures.write(String(full.prefix(full.count / 2)))
        #expect {
            try readAll(path)
        } throws: { error in
            guard case FormatError.malformed(_, let line) = error else { return false }
            return line > 1
        }
    }

    @Test func externalEntityIsNeverResolved() throws {
        let secret = try Fixtures.write("TOP-SECRET-CONTENT", name: "secret.txt")
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://\(secret)">]>
            <tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>a &xxe; b</seg></tuv><tuv xml:lang="fr"><seg>c</seg></tuv></tu>
            </body></tmx>
            """
        #expect(throws: FormatError.self) { try readAll(try Fixtures.write(document)) }
        do { _ = try readAll(try Fixtures.write(document)) } catch { #expect(!"\(error)".contains("TOP-SECRET")) }
    }

    @Test func billionLaughsFailsFast() throws {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 { entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE tmx [\(entities)]>
            <tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv><tuv xml:lang="fr"><seg>x</seg></tuv></tu>
            </body></tmx>
            """
        let started = Date()
        #expect(throws: FormatError.self) { try readAll(try Fixtures.write(document)) }
        #expect(Date().timeIntervalSince(started) < 1)
        do { _ = try readAll(try Fixtures.write(document)) } catch {
            guard case FormatError.entityDeclarations = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func undeclaredEntityWithExternalDTDIsAnErrorNotLostText() throws {
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE tmx SYSTEM "tmx14.dtd">
            <tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>a &nbsp; b</seg></tuv><tuv xml:lang="fr"><seg>c</seg></tuv></tu>
            </body></tmx>
            """
        #expect(throws: FormatError.self) { try readAll(try Fixtures.write(document)) }
    }

    @Test func cdataIsText() throws {
        let document = Fixtures.tmx([]).replacingOccurrences(
            of: "<body>",
            with: """
                <body><tu><tuv xml:lang="en"><seg><![CDATA[a <b> & c]]></seg></tuv><tuv xml:lang="fr"><seg>d</seg></tuv></tu>
                """)
        let units = try readAll(try Fixtures.write(document)).units
        #expect(text(units[0], "en") == "a <b> & c")
        #expect(units[0].segments[0].markup == "a &lt;b&gt; &amp; c")
    }
}

@Suite struct TMXEncodingTests {
    static let russian = Fixtures.tmx([[("en", "Putin arrived in Beijing"), ("ru", "Путин прибыл в Пекин")]])

    func russianText(_ data: Data) throws -> String? {
        let units = try readAll(try Fixtures.write(data)).units
        return units.first.flatMap { text($0, "ru") }
    }

    @Test func legacyEncodingNamedByTheDeclaration() throws {
        let declared = Self.russian.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"windows-1251\"")
        let data = try #require(declared.data(using: .windowsCP1251))
        #expect(try russianText(data) == "Путин прибыл в Пекин")
    }

    @Test(arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian])
    func utf16WithoutByteOrderMark(encoding: String.Encoding) throws {
        let name = encoding == .utf16LittleEndian ? "UTF-16LE" : "UTF-16BE"
        let declared = Self.russian.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"\(name)\"")
        let data = try #require(declared.data(using: encoding))
        #expect(data.prefix(2) != Data([0xFF, 0xFE]) && data.prefix(2) != Data([0xFE, 0xFF]))
        #expect(try russianText(data) == "Путин прибыл в Пекин")
    }

    @Test func utf8WithByteOrderMark() throws {
        #expect(try russianText(Data([0xEF, 0xBB, 0xBF]) + Data(Self.russian.utf8)) == "Путин прибыл в Пекин")
    }

    @Test func invalidUTF8IsAnError() throws {
        var data = Data(Self.russian.utf8)
        let index = try #require(data.firstIndex(of: 0xD0))  // first byte of a Cyrillic letter
        data[index + 1] = 0x20
        #expect(throws: FormatError.self) { try russianText(data) }
    }
}
