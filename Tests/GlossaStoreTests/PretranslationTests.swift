import Foundation
import GlossaFormats
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

/// Pre-translation of real XLIFF files (Okapi's test files, see the corpus MANIFEST.md) against
/// memories built from the files' own translations.
@Suite struct PretranslationTests {
    static let okapi12 = Fixtures.corpusFile("xliff/okapi-framework_okapi/Test_Context_and_PH.xlf")
    static let okapi2 = Fixtures.corpusFile("xliff/okapi-framework_okapi/xliff2-test01.xlf")

    /// The English → Brazilian Portuguese translations the Okapi 1.2 file carries in its
    /// `<alt-trans>`, as a TMX from another tool would store them (codes numbered by `x`), one of
    /// them with its last word changed, and a translation with a code its source does not have.
    static let memory12 = Fixtures.tmxDocument(
        body: """
            <tu><tuv xml:lang="en-US"><seg>The automatic clean up operation for log only copy '<ph x="1">{0}</ph>\\<ph x="2">{1}</ph>' will not be run because the database has insufficient redundancy. Actual : <ph x="3">{2}</ph>, Expected : <ph x="4">{3}</ph></seg></tuv>
            <tuv xml:lang="pt-BR"><seg>Automático limpar operação log de somente copiar '<ph x="1">{0}</ph>\\<ph x="2">{1}</ph>' não será executada porque o banco de dados possui redundância suficiente. Real: <ph x="3">{2}</ph>, valor esperado: <ph x="4">{3}</ph></seg></tuv></tu>
            <tu><tuv xml:lang="en-US"><seg>Clean up of log only copy '<ph x="1">{0}</ph>\\<ph x="2">{1}</ph>' will not be attempted because the variant config setting EnableLogOnlyCopyCleanup is set to true.</seg></tuv>
            <tuv xml:lang="pt-BR"><seg>Limpeza de cópia somente de log '<ph x="1">{0}</ph>\\<ph x="2">{1}</ph>' não serão aplicados porque o variant config definindo EnableLogOnlyCopyCleanup estiver definido como true.</seg></tuv></tu>
            <tu><tuv xml:lang="en-US"><seg>text &amp; text</seg></tuv><tuv xml:lang="pt-BR"><seg><ph x="9">{9}</ph>texto &amp; texto</seg></tuv></tu>
            """, srclang: "en-US")

    /// English → French for the Okapi XLIFF 2 file: its paired `<pc>` and its `<ph>` as TMX codes.
    static let memory2 = Fixtures.tmxDocument(
        body: """
            <tu><tuv xml:lang="en"><seg>Bolded text</seg></tuv><tuv xml:lang="fr"><seg>Texte en gras</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>Extra stuff here</seg></tuv><tuv xml:lang="fr"><seg>Autres choses ici</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg><bpt i="1" x="1">[b]</bpt>special text<ept i="1">[/b]</ept> and more
            <ph x="2">[rtl-data]</ph>.</seg></tuv><tuv xml:lang="fr"><seg>et plus de <bpt i="1" x="1">[b]</bpt>texte spécial<ept i="1">[/b]</ept>
            <ph x="2">[rtl-data]</ph>.</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>Sample segment.</seg></tuv><tuv xml:lang="fr"><seg>Segment d’exemple.</seg></tuv></tu>
            """)

    final class Sink: @unchecked Sendable {
        var bytes: [UInt8] = []
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    func memory(_ tmx: String) async throws -> TranslationMemory {
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        _ = try await memory.importer.importFile(at: try Fixtures.write(tmx))
        return memory
    }

    func pretranslate(
        _ path: String, with memory: TranslationMemory, _ configure: (inout PretranslationOptions) -> Void = { _ in }
    ) async throws -> (output: String, report: PretranslationReport) {
        var options = PretranslationOptions()
        configure(&options)
        let sink = Sink()
        let report = try await Pretranslator(memory: memory).pretranslate(path: path, options: options) { sink.bytes += $0 }
        return (sink.text, report)
    }

    /// The output of an XLIFF 1.2 file without what Glossa adds: candidates, and new targets (put
    /// back as `replaced` where a target was replaced).
    func removingAdditions12(_ output: String, replaced: String = "") -> String {
        output.replacingOccurrences(
            of: #"\s*<alt-trans match-quality="\d+" origin="glossa:[^"]*">.*?</alt-trans>"#, with: "", options: [.regularExpression]
        ).replacingOccurrences(
            of: #"<target xml:lang="[^"]*" state="(translated|needs-translation)" state-qualifier="(leveraged-tm|fuzzy-match)">.*?</target>"#,
            with: replaced, options: [.regularExpression])
    }

    /// The output of an XLIFF 2 file without its new `<mtc:matches>`, its new targets (which,
    /// unlike the file's own, have no attributes) and the states of the segments they fill.
    func removingAdditions2(_ output: String) -> String {
        output.replacingOccurrences(of: #" state="initial">"#, with: ">").replacingOccurrences(
            of: #"(?s)\s*<mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0">.*?</mtc:matches>"#, with: "", options: [.regularExpression]
        ).replacingOccurrences(of: #"(?s)\s*<target>.*?</target>"#, with: "", options: [.regularExpression])
    }

    @Test("An Okapi XLIFF 1.2 file with placeholders gets its exact match filled with the file's own codes, and nothing else changes")
    func okapiFileExactMatch() async throws {
        let memory = try await memory(Self.memory12)
        let (output, report) = try await pretranslate(Self.okapi12, with: memory)
        let input = try String(contentsOfFile: Self.okapi12, encoding: .utf8)

        #expect(
            output.contains(
                #"<target xml:lang="pt-BR" state="translated" state-qualifier="leveraged-tm">Automático limpar operação log de somente copiar '<ph id="ph_Placeholder_1" equiv-text="{0}" />\<ph id="ph_Placeholder_2" equiv-text="{1}" />' não será executada porque o banco de dados possui redundância suficiente. Real: <ph id="ph_Placeholder_3" equiv-text="{2}" />, valor esperado: <ph id="ph_Placeholder_4" equiv-text="{3}" /></target>"#
            ))
        #expect(output.contains(#"<alt-trans match-quality="100" origin="glossa:default"><source xml:lang="en-US">The automatic clean up"#))
        #expect(!output.contains("approved="), "pre-translation never approves")
        #expect(!output.contains(#"state="needs-review-translation" state-qualifier"#))
        // The empty `<target state="needs-review-translation" />`s are the ones replaced: putting them
        // back and taking the candidates out gives the file byte for byte.
        #expect(removingAdditions12(output, replaced: #"<target state="needs-review-translation" />"#) == input)
        #expect(report.units == 3)
        #expect(report.segments == 3)
        #expect(report.filledExact == 1)
        #expect(report.filledFuzzy == 1, "the 95 of a changed last word fills at the default --fill of 95")
    }

    @Test("A translation whose codes do not line up with the source's is offered as a candidate but never fills the target")
    func codesThatDoNotLineUp() async throws {
        let memory = try await memory(Self.memory12)
        let (output, report) = try await pretranslate(Self.okapi12, with: memory)
        // "text &amp; text" is an exact match, but its translation has a code the source lacks.
        #expect(
            output.contains(
                #"<alt-trans match-quality="100" origin="glossa:default"><source xml:lang="en-US">text &amp; text</source><target xml:lang="pt-BR">texto &amp; texto</target></alt-trans>"#
            ))
        #expect(!output.contains(#"state-qualifier="leveraged-tm">texto"#))
        #expect(report.codesMismatched == 1)
        #expect(report.candidatesOnly >= 1)
        #expect(report.segments == report.filledExact + report.filledFuzzy + report.candidatesOnly + report.untouched)
    }

    @Test("--fill decides whether a fuzzy match fills the target as needs-translation/fuzzy-match, --min whether it is a candidate")
    func fillAndMinimum() async throws {
        let memory = try await memory(Self.memory12)
        let fuzzyTarget = #"state="needs-translation" state-qualifier="fuzzy-match">Limpeza de cópia"#

        let strict = try await pretranslate(Self.okapi12, with: memory) { $0.fill = 100 }
        #expect(!strict.output.contains(fuzzyTarget))
        #expect(strict.report.filledFuzzy == 0)
        #expect(strict.output.contains("EnableLogOnlyCopyCleanup is set to true."), "still a candidate")

        let loose = try await pretranslate(Self.okapi12, with: memory) { $0.fill = 80 }
        #expect(loose.output.contains(fuzzyTarget))
        #expect(loose.report.filledFuzzy == 1)
        #expect(loose.report.filledExact == 1)

        let high = try await pretranslate(Self.okapi12, with: memory) {
            $0.fill = 80
            $0.minimum = 100
        }
        #expect(!high.output.contains("is set to true."), "below --min: neither candidate nor target")
        #expect(high.report.filledFuzzy == 0)
    }

    @Test("An Okapi XLIFF 2 file gets exact matches as targets with its <pc> and <ph>, every match as <mtc:match>, and nothing else changes")
    func okapiXLIFF2() async throws {
        let memory = try await memory(Self.memory2)
        let (output, report) = try await pretranslate(Self.okapi2, with: memory) { $0.minimum = 60 }
        let input = try String(contentsOfFile: Self.okapi2, encoding: .utf8)

        #expect(output.contains("<segment id=\"1\" state=\"initial\">\n     <source>Bolded text</source>\n     <target>Texte en gras</target>"))
        #expect(
            output.contains(
                #"<target>et plus de <pc id="1" subFlowsStart="tu3" subFlowsEnd="tu3end" dataRefEnd="d2" dataRefStart="d1">texte spécial</pc>"#
                    + "\n" + #"<ph id="2" canDelete="no" canReorder="firstNo" canCopy="no" dataRef="d3"/>.</target>"#))
        #expect(output.contains(##"<mtc:match ref="#1" similarity="100" origin="glossa:default" type="tm"><source>Bolded text</source>"##))
        // A fuzzy match is a candidate only in XLIFF 2, whatever --fill says.
        #expect(output.contains(#"type="tm"><source>Extra stuff here</source><target>Autres choses ici</target></mtc:match>"#))
        #expect(!output.contains("<target>Autres choses ici</target>\n"))
        #expect(removingAdditions2(output) == input)
        #expect(report.version == "2")
        #expect(report.filledExact == 2)
        #expect(report.filledFuzzy == 0)
        #expect(report.candidatesOnly == 1)
        // tu1's two segments have targets already and are left as they are.
        #expect(report.untouched == 2)
        #expect(output.contains("<target order=\"3\">Exemple de segment.</target>"))
    }

    @Test("--overwrite replaces an existing XLIFF 2 target with an exact match and sets its segment back to initial, but never a final one")
    func overwrite() async throws {
        let memory = try await memory(Self.memory2)
        let (output, report) = try await pretranslate(Self.okapi2, with: memory) { $0.overwrite = true }
        #expect(output.contains(#"<segment id="1" canResegment="no" state="initial" subState="my:state">"#))
        #expect(output.contains("<source>Sample segment.</source>\n    <target>Segment d’exemple.</target>"))
        #expect(!output.contains("Exemple de segment."))
        #expect(output.contains("Contenu du segment."), "no match: the target stays")
        #expect(report.filledExact == 3)

        let signedOff = try Fixtures.write(
            try String(contentsOfFile: Self.okapi2, encoding: .utf8).replacingOccurrences(of: #"state="translated""#, with: #"state="final""#),
            name: "final.xlf")
        let kept = try await pretranslate(signedOff, with: memory) { $0.overwrite = true }
        #expect(kept.output.contains("Exemple de segment."), "a final segment is never overwritten")
        #expect(kept.report.filledExact == 2)
    }

    @Test("An SDL Trados file segmented by <seg-source> gets each segment's text in its target <mrk>, and its candidates with their mid")
    func sdlSegments() async throws {
        let original = Fixtures.corpusFile("xliff/okapi-framework_okapi/test.txt_en-US_fr-FR.sdlxliff")
        // The memory: the file's own finished translations, as `glossa import` reads them (the
        // draft of segment 3 is left out).
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        _ = try await memory.importer.importFile(at: original)
        let text = try String(contentsOfFile: original, encoding: .utf8)
        // The file as Trados hands it out: the target's `<mrk>`s empty (the one unit has a target).
        let target = try #require(text.range(of: "<target>")).upperBound..<(try #require(text.range(of: "</target>")).lowerBound)
        var emptied = text
        emptied.replaceSubrange(
            target,
            with: text[target].replacingOccurrences(of: #"(<mrk mtype="seg" mid="\d+">)[^<]*(</mrk>)"#, with: "$1$2", options: [.regularExpression]))
        let (output, report) = try await pretranslate(try Fixtures.write(emptied, name: "emptied.sdlxliff"), with: memory)

        #expect(report.segments == 5)
        #expect(report.filledExact == 4)
        #expect(
            output.contains(
                #"<alt-trans mid="2" match-quality="100" origin="glossa:default"><source xml:lang="en-US">Second longer sentence.</source>"#))
        // Without the candidates, the file is the original but for the draft that was not in the memory.
        let restored = output.replacingOccurrences(of: #"<alt-trans mid="\d+" [^>]*>.*?</alt-trans>"#, with: "", options: [.regularExpression])
        #expect(restored == text.replacingOccurrences(of: "Et ensuite une troisième.", with: ""))
    }

    @Test("Files that are not XLIFF, not well-formed, declare entities or are UTF-16 are refused before a byte is written")
    func badInput() async throws {
        let memory = try await memory(Self.memory12)
        let okapi = try String(contentsOfFile: Self.okapi12, encoding: .utf8)
        let cases: [(String, String, (any Error) -> Bool)] = [
            (Fixtures.sampleTMX, "the sample TMX", { ($0 as? FormatError) == .wrongRoot(found: "tmx", expected: "xliff") }),
            (
                try Fixtures.write(String(okapi.prefix(okapi.utf8.count / 2)), name: "cut.xlf"), "a file cut in half",
                { if case .malformed = $0 as? FormatError { true } else { false } }
            ),
            (
                try Fixtures.write(
                    okapi.replacingOccurrences(of: "<xliff ", with: "<!DOCTYPE xliff [<!ENTITY boom \"boom\">]>\n<xliff "), name: "dtd.xlf"),
                "a file with an entity declaration", { if case .entityDeclarations = $0 as? FormatError { true } else { false } }
            ),
            (
                try Fixtures.write(
                    okapi.replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"UTF-16\"").data(using: .utf16)!, name: "utf16.xlf"),
                "a UTF-16 file", { ($0 as? XLIFFError) == .notUTF8(encoding: "UTF-16") }
            ),
        ]
        for (path, what, expected) in cases {
            let sink = Sink()
            do {
                _ = try await Pretranslator(memory: memory).pretranslate(path: path, options: PretranslationOptions()) { sink.bytes += $0 }
                Issue.record("\(what) was pre-translated")
            } catch {
                #expect(expected(error), "\(what): \(error)")
            }
            #expect(sink.bytes.isEmpty, "\(what): nothing written")
        }
    }
}
