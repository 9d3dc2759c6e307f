import Foundation
import GlossaStore
import GlossaTestSupport
import GlossaText
import Testing

@testable import GlossaServer

/// `JSONWriter` writes what `JSONEncoder.glossa` writes, byte for byte: clients and tests that
/// compare answers see no difference between an answer written by hand and one encoded.
struct JSONWriterTests {
    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.glossa.encode(value), as: UTF8.self)
    }

    static func written(_ value: some JSONWritable) -> String {
        var json = JSONWriter()
        value.write(to: &json)
        return String(buffer: json.buffer)
    }

    @Test func stringsAreEscapedAsTheEncoderEscapesThem() throws {
        var every = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        every += "\u{7F}\"\\/\u{2028}\u{2029}é普京😀 plain \"quoted\" end\\"
        for text in [every, "", "Путин", "a\nb", "\u{0}"] {
            var json = JSONWriter()
            json.array([text]) { $0.string($1) }
            #expect(String(buffer: json.buffer) == (try Self.encoded([text])), "\(text.debugDescription)")
        }
    }

    @Test func numbersAreWrittenAsTheEncoderWritesThem() throws {
        let doubles = [0.9, 1.0, 0, 0.1 + 0.2, 1e-7, 123_456_789.0, 0.35, 1e21, -2.5, 0.000123]
        var json = JSONWriter()
        json.array(doubles) { $0.double($1) }
        #expect(String(buffer: json.buffer) == (try Self.encoded(doubles)))
        let integers: [Int64] = [0, -1, 4291, .max, .min]
        json = JSONWriter()
        json.array(integers) { $0.integer($1) }
        #expect(String(buffer: json.buffer) == (try Self.encoded(integers)))
    }

    /// Names of the shipped glossaries in every kind of match, names with no entry (forms by the
    /// standards, and gaps), and answers limited to some languages.
    @Test(arguments: [
        ("Путин", ""), ("Путина", ""), ("putin", ""), ("Pǔjīng", ""), ("普京", ""), ("Putim", ""), ("Xi Jinping", "en,ru"),
        ("Пекине", "zh-CN"), ("Wuhan", ""), ("Tomsk", "en,ru,zh-CN"), ("Zzyzx", ""), ("🙂", ""), ("Pu", "en"), ("مرحبا", ""),
    ])
    func nameAnswersAreWrittenAsTheEncoderWritesThem(query: String, languages: String) async throws {
        let glossary = try await Fixtures.shippedGlossary()
        let tags = try languages.split(separator: ",").map { try LanguageTag(String($0)) }
        let answer = try await glossary.findName(query, to: tags, limit: 10)
        let response = NameRoutes<GlossaRequestContext>.NamesResponse(
            query: query, results: answer.results, transliterations: answer.transliterations)
        #expect(Self.written(response) == (try Self.encoded(response)))
    }

    /// Units with inline markup, properties, dates, ids, two translations of one source, and a
    /// memory with a penalty, looked up with a low minimum so that every unit can answer.
    @Test func lookupAnswersAreWrittenAsTheEncoderWritesThem() async throws {
        let memory = TranslationMemory(store: try await Fixtures.newStore())
        for file in [
            Fixtures.sampleTMX, Fixtures.corpusFile("tmx/okapi-framework_okapi/header_with_prop_and_note.tmx"),
            Fixtures.corpusFile("tmx/okapi-framework_okapi/Paragraph_TM.tmx"), Fixtures.corpusFile("tmx/omegat-org_omegat/en-US_en-GB_fr_sr.tmx"),
            Fixtures.corpusFile("tmx/akutuzov_rus-ltc/new_rltc2demultiplicate.tmx"),
            try Fixtures.write(Fixtures.tmx([[("en", "Putin arrives in Beijing"), ("ru", "Путин приезжает в Пекин")]])),
        ] {
            _ = try await memory.importer.importFile(at: file)
        }
        let penalized = try await memory.createMemory(try MemorySettings(name: MemoryName("penalized"), penalty: 7))
        let other = Fixtures.tmx([[("en", "Putin arrives in Harbin"), ("ru", "Путин приезжает в Харбин")]])
        _ = try await memory.importer.importFile(at: try Fixtures.write(other), into: penalized.name)
        var fields = Set<String>()
        for (text, source, target) in [
            ("Putin arrives in Beijing", "en", "ru"), ("Putin and Xi met in Beijing for talks", "en", "zh-CN"), ("the", "en", "fr"),
            ("This is a test", "en-US", "de"), ("Hello world", "en", "fr"), ("Путин прибыл в Пекин", "ru", "en"),
            ("the", "en", "ru"), ("Putin arrives in Harbin", "en", "ru"),
        ] {
            let query = LookupQuery(text: text, source: try LanguageTag(source), target: try LanguageTag(target), minimum: 0, limit: 100)
            let response = TMRoutes<GlossaRequestContext>.LookupResponse(
                query: text, source: query.source, target: query.target, matches: try await memory.lookup(query))
            #expect(Self.written(response) == (try Self.encoded(response)), "\(text)")
            fields.formUnion(Self.keys(try JSONSerialization.jsonObject(with: JSONEncoder.glossa.encode(response))))
            let batch = TMRoutes<GlossaRequestContext>.BatchResponse(
                source: query.source, target: query.target, results: [.init(query: text, matches: response.matches), .init(query: "", matches: [])])
            #expect(Self.written(batch) == (try Self.encoded(batch)), "\(text)")
        }
        for field in ["alternatives", "markup", "properties", "creationDate", "changeID", "tuid", "importID"] {
            #expect(fields.contains(field), "no answer holds \(field)")
        }
    }

    @Test func theAnswersTestedHoldEveryKindOfField() async throws {
        let glossary = try await Fixtures.shippedGlossary()
        var fields = Set<String>()
        for query in ["Путина", "Putim", "Wuhan", "Zzyzx", "Xi Jinping"] {
            let answer = try await glossary.findName(query, to: [], limit: 10)
            let response = NameRoutes<GlossaRequestContext>.NamesResponse(
                query: query, results: answer.results, transliterations: answer.transliterations)
            fields.formUnion(Self.keys(try JSONSerialization.jsonObject(with: JSONEncoder.glossa.encode(response))))
        }
        for field in ["matchedForm", "distance", "preferredTerm", "definition", "domain", "partOfSpeech", "confidence", "chain", "reason"] {
            #expect(fields.contains(field), "no answer holds \(field)")
        }
    }

    static func keys(_ value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { $0.formUnion(keys($1.value)) }
        }
        if let array = value as? [Any] { return array.reduce(into: []) { $0.formUnion(keys($1)) } }
        return []
    }
}
