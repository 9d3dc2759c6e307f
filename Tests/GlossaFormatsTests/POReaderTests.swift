import Foundation
import GlossaFormats
import GlossaModel
import GlossaTestSupport
import GlossaText
import Testing

@Suite struct POReaderTests {
    struct Read {
        var units: [TranslationUnit] = []
        var rejected: [UnitIssue] = []
    }

    static func read(_ path: String, languages: [LanguageTag]? = nil) throws -> Read {
        let reader = try POReader(path: path, languages: languages)
        var read = Read()
        while let item = try reader.next() {
            switch item {
            case .unit(let unit, _): read.units.append(unit)
            case .rejected(let issue): read.rejected.append(issue)
            }
        }
        return read
    }

    static func tag(_ raw: String) -> LanguageTag { try! LanguageTag(raw) }

    @Test("Weblate's Norwegian catalogue keeps its 48 translations and names each fuzzy, untranslated and obsolete entry it leaves out")
    func weblateCatalogue() throws {
        let read = try Self.read(Fixtures.corpusFile("po/WeblateOrg_weblate/nb-djangojs.po"))
        #expect(read.units.count == 48)
        #expect(Set(read.units.flatMap(\.languages)) == [Self.tag("en"), Self.tag("nb")])
        let reasons = Dictionary(grouping: read.rejected) { String($0.reason.prefix { $0 != ":" }) }.mapValues(\.count)
        #expect(reasons == ["untranslated": 7, "fuzzy entry": 10, "obsolete entry (#~)": 45])
        // The first fuzzy entry's msgid is on line 35 (its comments start at 32).
        #expect(read.rejected.contains { $0.line == 35 && $0.reason.hasPrefix("fuzzy") })
        let plea = try #require(read.units.first { $0.segments[0].text == "Please select target plural by clicking." })
        #expect(plea.segments[1].text == "Klikk på målets flertall.")
        #expect(plea.metadata.properties.contains(Property(type: POReader.referenceProperty, value: "weblate/static/editor/base.js:132")))
    }

    @Test("Django's Russian catalogue gives each of four plural forms a unit: form 0 with msgid, the others with msgid_plural")
    func djangoPlurals() throws {
        let read = try Self.read(Fixtures.corpusFile("po/django_django/ru-django.po"))
        #expect(read.units.count == 393)  // 333 singular entries + 15 plural entries × 4 forms
        #expect(read.rejected.isEmpty)
        let forms = read.units.filter { $0.segments[1].text.hasPrefix("Убедитесь, что это значение содержит не менее %(limit_value)d символ") }
        #expect(forms.count == 4)
        #expect(forms.map { $0.metadata.properties.first { $0.type == POReader.pluralFormProperty }?.value } == ["0", "1", "2", "3"])
        #expect(forms[0].segments[0].text == "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).")
        #expect(forms[1].segments[0].text == "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).")
        #expect(forms[3].line == 452)
        let january = try #require(read.units.first { $0.segments[0].text == "Jan." })
        #expect(january.metadata.properties.contains(Property(type: POReader.contextProperty, value: "abbrev. month")))
        let ellipsis = try #require(read.units.first { $0.metadata.notes.first?.hasPrefix("Translators: String used to replace") == true })
        #expect(ellipsis.metadata.notes[0].contains("\n"))  // two #. lines, one note
    }

    @Test("C escapes, octal and hex bytes and strings continued over lines decode as gettext decodes them")
    func escapes() throws {
        let path = try Fixtures.write(
            #"""
            msgid ""
            msgstr ""
            "Language: de\n"
            "Content-Type: text/plain; charset=UTF-8\n"

            msgid "Line\none\tand \"quoted\" \\ back"
            msgstr "Zeile\neins\tund \"zitiert\" \\ zurück"

            msgid "Oct\101l and hex\x42"
            msgstr ""
            "Okt\101l "
            "und hex\x42"

            msgid "Caf\303\251"
            msgstr "Caf\xc3\xa9"
            """#, name: "de.po")
        let read = try Self.read(path)
        #expect(read.units.map(\.segments[0].text) == ["Line\none\tand \"quoted\" \\ back", "OctAl and hexB", "Café"])
        #expect(read.units.map(\.segments[1].text) == ["Zeile\neins\tund \"zitiert\" \\ zurück", "OktAl und hexB", "Café"])
        #expect(read.units.map(\.line) == [6, 9, 14])
    }

    @Test("The source language is English unless X-Source-Language or the caller says another; the caller's target wins over Language:")
    func languages() throws {
        let body = "msgid \"Haus\"\nmsgstr \"дом\"\n"
        let english = try Self.read(try Fixtures.write("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n" + body, name: "a.po"))
        #expect(english.units[0].languages == [Self.tag("en"), Self.tag("ru")])
        let german = try Self.read(
            try Fixtures.write("msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\"X-Source-Language: de\\n\"\n\n" + body, name: "b.po"))
        #expect(german.units[0].languages == [Self.tag("de"), Self.tag("ru")])
        let given = try Self.read(try Fixtures.write(body, name: "c.po"), languages: [Self.tag("de"), Self.tag("uk")])
        #expect(given.units[0].languages == [Self.tag("de"), Self.tag("uk")])
        let sourceOnly = try Self.read(
            try Fixtures.write("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n" + body, name: "g.po"), languages: [Self.tag("de")])
        #expect(sourceOnly.units[0].languages == [Self.tag("de"), Self.tag("ru")])
        #expect(throws: FormatError.languageNeeded(format: "PO")) { _ = try Self.read(try Fixtures.write(body, name: "d.po")) }
        let serbian = try Self.read(try Fixtures.write("msgid \"\"\nmsgstr \"Language: sr@latin\\n\"\n\n" + body, name: "e.po"))
        #expect(serbian.units[0].languages[1] == Self.tag("sr-Latn"))
    }

    @Test("A Latin-1 file is decoded by its charset, and one in an encoding not read is refused by name")
    func encodings() throws {
        var latin1 = Data(
            "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\nmsgid \"coffee\"\nmsgstr \"caf".utf8
        )
        latin1.append(0xE9)
        latin1.append(contentsOf: Data("\"\n".utf8))
        let read = try Self.read(try Fixtures.write(latin1, name: "fr.po"))
        #expect(read.units.first?.segments[1].text == "café")
        let big5 = try Fixtures.write(
            "msgid \"\"\nmsgstr \"\"\n\"Language: zh_TW\\n\"\n\"Content-Type: text/plain; charset=BIG5\\n\"\n", name: "zh.po")
        #expect(throws: FormatError.unsupportedEncoding("BIG5")) { _ = try Self.read(big5) }
    }

    @Test("A broken line is refused with its number, a .pot template with why, and a PO upload is told by its content")
    func refusalsAndSniffing() throws {
        let broken = try Fixtures.write(
            "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"one\"\nmsgstr \"раз\"\n\nmsgid \"two\nmsgstr \"два\"\n", name: "f.po")
        #expect(
            throws: FormatError.syntax(
                format: "PO", message: "the string has no closing quote (a string ends on its line; continue it on the next in quotes)", line: 7)
        ) {
            _ = try Self.read(broken)
        }
        let template = try Fixtures.write("msgid \"\"\nmsgstr \"\"\n\nmsgid \"one\"\nmsgstr \"\"\n", name: "django.pot")
        #expect(throws: FormatError.template(path: template)) { _ = try Self.read(template) }
        let upload = try Fixtures.write(
            try Data(contentsOf: URL(fileURLWithPath: Fixtures.corpusFile("po/WeblateOrg_weblate/ru-djangojs.po"))), name: "upload")
        #expect(MemoryFileFormat.of(upload) == .po)
        // Translators' names can fill the whole sniffed start of a catalogue.
        let credits = String(repeating: "# A Translator <a@example.org>, 2024.\n", count: 200)
        #expect(MemoryFileFormat.of(try Fixtures.write(credits + "msgid \"\"\nmsgstr \"Language: ru\\n\"\n", name: "upload")) == .po)
        #expect(MemoryFileFormat.named("locale/ru/LC_MESSAGES/django.po") == .po)
        #expect(MemoryFileFormat.named("django.pot") == nil)
    }
}
