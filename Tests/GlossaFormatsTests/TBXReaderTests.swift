import Foundation
import GlossaFormats
import GlossaModel
import GlossaTestSupport
import GlossaText
import Testing

/// Reads a whole glossary: concepts, rejected entries and the terms left out of kept ones.
func readGlossary(_ reader: some GlossaryReader) throws -> (concepts: [Concept], rejected: [UnitIssue], skipped: [UnitIssue]) {
    var concepts: [Concept] = []
    var rejected: [UnitIssue] = []
    var skipped: [UnitIssue] = []
    while let item = try reader.next() {
        switch item {
        case .concept(let concept, let issues):
            concepts.append(concept)
            skipped += issues
        case .rejected(let issue):
            rejected.append(issue)
        }
    }
    return (concepts, rejected, skipped)
}

func readTBX(_ path: String) throws -> (concepts: [Concept], rejected: [UnitIssue], skipped: [UnitIssue]) {
    try readGlossary(try TBXReader(path: path))
}

func terms(_ concept: Concept, _ language: String) -> [String] {
    concept.terms.filter { $0.language.canonical == language }.map(\.text)
}

func tbx(_ entries: String, rootLanguage: String = "en") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <tbx type="TBX-Basic" style="dca" xml:lang="\(rootLanguage)" xmlns="urn:iso:std:iso:30042:ed-2">
    <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
    <text><body>
    \(entries)
    </body></text></tbx>
    """
}

/// Every TBX file of the peer corpus, read with the counts its MANIFEST.md measured.
@Suite struct TBXCorpusTests {
    static let entries = (try? Fixtures.manifestTBX()) ?? []
    /// `<term></term>` elements the manifest counts as terms: skipped, each with an issue.
    static let emptyTerms = ["tbx/okapi-framework_okapi/sdl_tbx.tbx": 44]

    @Test func manifestListsAll12Files() {
        #expect(Self.entries.count == 12)
    }

    @Test(arguments: entries.map(\.file))
    func readsWithTheManifestCounts(file: String) throws {
        let entry = try #require(Self.entries.first { $0.file == file })
        let path = Fixtures.corpusFile(file)
        if entry.bytes == 0 {
            #expect(throws: FormatError.emptyFile) { try readTBX(path) }
            return
        }
        let reader = try TBXReader(path: path)
        let (concepts, rejected, skipped) = try readGlossary(reader)
        #expect(concepts.count == entry.entries)
        #expect(rejected.isEmpty)
        #expect(skipped.count == Self.emptyTerms[file] ?? 0)
        #expect(skipped.allSatisfy { $0.reason.hasPrefix("empty <term> at line ") })
        #expect(reader.termsRead == entry.terms)
        #expect(concepts.map(\.terms.count).reduce(0, +) + skipped.count == entry.terms)
        #expect(concepts.allSatisfy { $0.line > 1 })
    }
}

@Suite struct TBXContentTests {
    @Test func version3BasicWithSynonymsAndStatuses() throws {
        let reader = try TBXReader(path: Fixtures.corpusFile("tbx/DeNederlandscheBank_termate/Example_Astronomy_DCA_VALID.tbx"))
        let concepts = try readGlossary(reader).concepts
        #expect(reader.header.isVersion3 && reader.header.style == "dca" && reader.header.type == "TBX-Basic")
        // 84 langSecs: a concept has at most one per language here.
        for (language, count) in ["en": 39, "es": 39, "zu": 6] {
            #expect(concepts.count(where: { !terms($0, language).isEmpty }) == count, "\(language)")
        }
        let statuses = Dictionary(grouping: concepts.flatMap(\.terms), by: \.status).mapValues(\.count)
        #expect(statuses == [.preferred: 12, .admitted: 97, .deprecated: 4])  // superseded is deprecated
        let cluster = concepts[0]
        #expect(cluster.id == "c1" && cluster.domain == "General")
        #expect(cluster.definition == "A group of stars formed together in the spiral arms of a galaxy.")
        let english = cluster.terms.filter { $0.language.canonical == "en" }
        #expect(english.map(\.text) == ["open cluster", "galactic cluster"])
        #expect(english.map(\.status) == [.preferred, .deprecated])
        #expect(english.allSatisfy { $0.partOfSpeech == "noun" })
        #expect(cluster.note?.hasPrefix("G-Source:") == true)
    }

    @Test func obsoleteIsDeprecatedInWeblatesMartifWithTheV3Namespace() throws {
        let reader = try TBXReader(path: Fixtures.corpusFile("tbx/WeblateOrg_weblate/fr-extended-metadata.tbx"))
        let concepts = try readGlossary(reader).concepts
        #expect(reader.header.root == "martif" && reader.header.namespace == "urn:iso:std:iso:30042:ed-2")
        #expect(concepts.map(\.id) == ["e001", "e002"])
        #expect(concepts[0].terms.map(\.status) == [.deprecated, .deprecated])
        #expect(concepts[0].definition == "Superseded but still found in older manuals.")
        #expect(concepts[1].terms.map(\.status) == [.admitted, .admitted])
        #expect(concepts[1].terms[0].note == "Do not translate error codes.")
        #expect(terms(concepts[0], "fr") == ["bus de données"])
    }

    @Test func windows1254IsDecoded() throws {
        let concept = try #require(try readTBX(Fixtures.corpusFile("tbx/okapi-framework_okapi/test02_win1254.tbx")).concepts.first)
        #expect(terms(concept, "en") == ["term with: éá and İı"])
        #expect(terms(concept, "tr") == ["tr term with: éá and İı"])
    }

    @Test func marylandHasFourLanguagesAndThirteenTerms() throws {
        let concepts = try readTBX(Fixtures.corpusFile("tbx/okapi-framework_okapi/maryland.tbx")).concepts
        #expect(concepts.count == 1)
        let concept = concepts[0]
        #expect(concept.terms.count == 13)
        #expect(
            concept.terms.reduce(into: [String]()) { if !$0.contains($1.language.canonical) { $0.append($1.language.canonical) } }
                == ["fr", "it", "es", "en"])
        #expect(terms(concept, "fr") == ["copiste", "scribe", "écrivain"])  // &#x00E9;
        #expect(concept.domain == "personnel")
        #expect(concept.definition == "personne qui accomplit un travail copie ou d'écriture")
    }

    @Test func standardizedIsPreferredAndLanguageNotesReachTheirTerms() throws {
        let concepts = try readTBX(Fixtures.corpusFile("tbx/okapi-framework_okapi/oracle_TBX.tbx")).concepts
        let portuguese = concepts[0].terms.filter { $0.language.canonical == "pt" }
        #expect(portuguese.map(\.text) == ["Entidade de Supervisão de Província", "PRE"])  // trailing space gone
        #expect(portuguese.map(\.status) == [.preferred, .admitted])
        #expect(portuguese.allSatisfy { $0.note == "Termo específico aos EUA." })
    }

    @Test func martifWithBOMKeepsDomainDefinitionAndPartOfSpeech() throws {
        let concept = try #require(try readTBX(Fixtures.corpusFile("tbx/omegat-org_omegat/sampleTBXfile.tbx")).concepts.first)
        #expect(concept.domain == "manufacturing")
        #expect(concept.definition == "A value between 0 and 1 used in ...")
        #expect(concept.terms.map(\.partOfSpeech) == ["noun", "noun"])
        #expect(terms(concept, "hu") == ["hu translation"])
    }

    @Test(arguments: [
        ("preferredTerm-admn-sts", TermStatus?.some(.preferred)), ("admittedTerm-admn-sts", .admitted),
        ("deprecatedTerm-admn-sts", .deprecated), ("supersededTerm-admn-sts", .deprecated), ("obsolete", .deprecated),
        ("standardizedTerm", .preferred), ("legalTerm", .preferred), ("regulatedTerm", .preferred),
        ("supersededTerm", .deprecated), ("forbidden", .forbidden), ("notRecommended", .forbidden), ("entryTerm", nil),
    ])
    func statusValues(value: String, status: TermStatus?) throws {
        let document = tbx(
            """
            <conceptEntry id="c"><langSec xml:lang="en"><termSec><term>a</term>
            <termNote type="administrativeStatus">\(value)</termNote></termSec></langSec>
            <langSec xml:lang="fr"><termSec><term>b</term>
            <termNote type="normativeAuthorization">\(value)</termNote></termSec></langSec></conceptEntry>
            """)
        let concept = try #require(try readTBX(try Fixtures.write(document, name: "s.tbx")).concepts.first)
        #expect(concept.terms.map(\.status) == [status ?? .admitted, status ?? .admitted])
    }
}

@Suite struct TBXIssueTests {
    @Test func emptyTermsAndBadLanguagesAreSkippedAndEntriesWithoutTermsRejected() throws {
        let document = tbx(
            """
            <conceptEntry id="ok">
              <langSec xml:lang="en"><termSec><term>  </term></termSec><termSec><term>kept</term></termSec></langSec>
              <langSec xml:lang="not a tag"><termSec><term>lost</term></termSec></langSec>
            </conceptEntry>
            <conceptEntry id="empty">
              <langSec xml:lang="en"><termSec><term/></termSec></langSec>
            </conceptEntry>
            """)
        let reader = try TBXReader(path: try Fixtures.write(document, name: "issues.tbx"))
        let (concepts, rejected, skipped) = try readGlossary(reader)
        #expect(concepts.map(\.id) == ["ok"])
        #expect(concepts[0].terms.map(\.text) == ["kept"])
        #expect(skipped.count == 2)
        #expect(skipped[0].reason.hasPrefix("empty <term> at line "))
        #expect(skipped[1].reason.contains("'not a tag' is not a valid BCP 47 language tag"))
        #expect(rejected.count == 1)
        // The lines of the elements themselves (not where libxml2's parser has read ahead to).
        #expect(rejected[0].tuid == "empty" && rejected[0].line == 9)
        #expect(skipped.map(\.line) == [6, 7])
        #expect(reader.termsRead == 4)
    }

    @Test func aLanguageSectionWithoutLanguageTakesTheRoots() throws {
        let document = tbx(
            #"<conceptEntry id="c"><langSec><termSec><term>Putin</term></termSec></langSec></conceptEntry>"#,
            rootLanguage: "EN-gb")
        let concept = try #require(try readTBX(try Fixtures.write(document, name: "root.tbx")).concepts.first)
        #expect(concept.terms.map(\.language.canonical) == ["en-GB"])
    }

    @Test func otherRootIsAClearError() throws {
        let path = Fixtures.corpusFile("tmx/apache_tika/testTMX.tmx")
        #expect(throws: FormatError.wrongRoot(found: "tmx", expected: "tbx")) { try readTBX(path) }
        #expect("\(FormatError.wrongRoot(found: "tmx", expected: "tbx"))" == "not a TBX file: the root element is <tmx>, expected <tbx>")
    }

    @Test func entitiesAreRefusedAsInTMX() throws {
        let document = tbx(#"<conceptEntry id="c"><langSec xml:lang="en"><termSec><term>&lol;</term></termSec></langSec></conceptEntry>"#)
            .replacingOccurrences(of: "<tbx ", with: "<!DOCTYPE tbx [<!ENTITY lol \"lol\">]>\n<tbx ")
        #expect(throws: FormatError.self) { try readTBX(try Fixtures.write(document, name: "entity.tbx")) }
    }
}

@Suite struct TBXWriterTests {
    func roundTrip(_ concepts: [Concept]) throws -> (text: String, concepts: [Concept]) {
        var written = ""
        let writer = TBXWriter { written += $0 }
        try writer.begin()
        for concept in concepts { try writer.write(concept) }
        try writer.end()
        return (written, try readTBX(try Fixtures.write(written, name: "out.tbx")).concepts)
    }

    /// Every corpus TBX file with entries, written out and read back, gives the same concepts.
    @Test(arguments: TBXCorpusTests.entries.filter { $0.entries > 0 }.map(\.file))
    func corpusRoundTrip(file: String) throws {
        let original = try readTBX(Fixtures.corpusFile(file)).concepts
        let again = try roundTrip(original).concepts
        #expect(again.count == original.count)
        // The writer puts all terms of a language in one langSec: medtronic_TBX has two "da" langSets.
        let byLanguage = { (terms: [Term]) in terms.sorted { ($0.language, $0.text) < ($1.language, $1.text) } }
        for (a, b) in zip(again, original) {
            #expect(byLanguage(a.terms) == byLanguage(b.terms))  // text, language, status, part of speech, note
            #expect(a.contentKey == b.contentKey)
            #expect(a.domain == b.domain && a.definition == b.definition && a.note == b.note)
            #expect(b.id == nil || a.id == b.id)
        }
    }

    @Test func forbiddenTermsKeepTheirStatusAsDeprecatedWithANote() throws {
        let en = try LanguageTag("en"), ru = try LanguageTag("ru")
        let concept = Concept(
            id: "1 not a name", domain: "facility", definition: "A & B < C", note: "first\nsecond",
            terms: [
                Term(text: "Great Hall of the People", language: en, status: .preferred, partOfSpeech: "noun"),
                Term(text: "Nice Corridor of the Individuals", language: en, status: .forbidden, note: "garbled"),
                Term(text: "Дом народа", language: ru, status: .forbidden),
                Term(text: "Большой зал народных собраний", language: ru, status: .admitted),
            ])
        let (text, concepts) = try roundTrip([concept, Concept(terms: [])])
        #expect(text.contains(#"<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">"#))
        #expect(
            text.contains(
                "<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>\n            <note>\(TBXWriter.forbiddenNote)</note>"))
        #expect(!text.contains("forbidden<"))
        #expect(concepts.count == 1)  // a concept without terms is not written
        #expect(concepts[0].terms == concept.terms)
        #expect(concepts[0].id == "concept-1")  // not an xs:ID, so a new one
        #expect(concepts[0].definition == "A & B < C" && concepts[0].note == "first\nsecond")
    }
}
