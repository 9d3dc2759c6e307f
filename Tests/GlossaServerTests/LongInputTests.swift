import Foundation
import GlossaServer
import Hummingbird
import Testing

/// Inputs as long as the limits allow, whose cost must grow with their length and no faster: one
/// step quadratic in a segment's, a query's or a text's words would hold a core for minutes. The
/// bound is over ten times what the linear code takes in a debug build, and below what the
/// quadratic steps these inputs found took on them (minutes to hours). One at a time: each holds a
/// core for seconds, and the connection tests next to them measure timeouts.
@Suite(.serialized)
struct LongInputTests {
    let server = ServerTests()

    /// Longest any one of these requests may take.
    static let longInputBound = Duration.seconds(120)

    /// The bound, not the server's request timeout, decides: a slow read must be seen as slow, not as a 503.
    static func patientReads(_ configuration: inout ServerConfiguration) {
        configuration.requestTimeout = longInputBound * 2
    }

    /// `count` distinct words of five Latin letters (`qaaaa`, `qaaab`, ...), in that order.
    static func distinctWords(_ count: Int) -> [String] {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return (0..<count).map { index in
            var word = "", rest = index
            for _ in 0..<4 {
                word.insert(letters[rest % letters.count], at: word.startIndex)
                rest /= letters.count
            }
            return "q" + word
        }
    }

    func timed(
        _ client: LiveClient, _ method: HTTPRequest.Method, _ uri: String, body: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> LiveClient.Response {
        let started = ContinuousClock.now
        let response = try await client.execute(
            uri: uri, method: method, headers: [.authorization: "Bearer \(ServerTests.token)"], body: body.map { ByteBuffer(string: $0) })
        let took = ContinuousClock.now - started
        #expect(took < Self.longInputBound, "\(method) \(uri.prefix(60)) took \(took)", sourceLocation: sourceLocation)
        return response
    }

    @Test("A unit whose English segment is 900 KB of 150,000 distinct words imports, and a 6,000-character lookup of them answers")
    func aSegmentOfDistinctWordsImportsAndIsLookedUpInLinearTime() async throws {
        let words = Self.distinctWords(150_000)
        let unit = #"<tu><tuv xml:lang="en"><seg>"# + words.joined(separator: " ") + #"</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>"#
        try await server.withServer(configure: Self.patientReads) { client, _ in
            let imported = try await timed(client, .post, "/v1/tm/import", body: tmxDocument(unit))
            #expect(imported.status == .created)
            #expect(try server.json(imported)["imported"] as? Int == 1)
            // 1,000 of the segment's words: every one leads to it, and it is far too long to match.
            let query = words.prefix(1_000).joined(separator: "%20")
            let lookup = try await timed(client, .get, "/v1/tm/lookup?source=en&target=ru&q=" + query)
            #expect(lookup.status == .ok)
            #expect((try server.json(lookup)["matches"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("A concordance search for a 3,000-word phrase of one repeated word finds it in a segment of 400,000")
    func aPhraseOfARepeatedWordIsFoundInLinearTime() async throws {
        let segment = String(repeating: "a ", count: 400_000) + "b"
        let unit = #"<tu><tuv xml:lang="en"><seg>"# + segment + #"</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>"#
        try await server.withServer(configure: Self.patientReads) { client, _ in
            #expect(try await timed(client, .post, "/v1/tm/import", body: tmxDocument(unit)).status == .created)
            let phrase = String(repeating: "a%20", count: 2_999) + "b"
            let found = try await timed(client, .get, "/v1/tm/concordance?lang=en&q=" + phrase)
            #expect(found.status == .ok)
            let hits = try #require(try server.json(found)["hits"] as? [[String: Any]])
            #expect(hits.count == 1)
        }
    }

    /// 140,000 words, every other one a glossary term (70,000 occurrences), the others distinct.
    static var textOfManyTerms: String {
        distinctWords(140_000).enumerated().map { $0.offset % 2 == 0 ? "Putin" : $0.element }.joined(separator: " ")
    }

    @Test("Annotating an 840,000-character text finds each of its 70,000 terms")
    func aTextOfManyTermsIsAnnotatedInLinearTime() async throws {
        let body = try String(decoding: JSONSerialization.data(withJSONObject: ["text": Self.textOfManyTerms, "language": "en"]), as: UTF8.self)
        try await server.withServer(configure: Self.patientReads) { client, _ in
            let response = try await timed(client, .post, "/v1/glossary/annotate", body: body)
            #expect(response.status == .ok)
            #expect((try server.json(response)["occurrences"] as? [Any])?.count == 70_000)
        }
    }

    @Test("Checking an 840,000-character text against its translation reports no missing term")
    func aLongTextIsCheckedInLinearTime() async throws {
        let translation = Self.textOfManyTerms.replacing("Putin", with: "Путин")
        let body = try String(
            decoding: JSONSerialization.data(withJSONObject: [
                "source": Self.textOfManyTerms, "language": "en", "translation": translation, "translationLanguage": "ru",
            ]), as: UTF8.self)
        try await server.withServer(configure: Self.patientReads) { client, _ in
            let response = try await timed(client, .post, "/v1/glossary/check", body: body)
            #expect(response.status == .ok)
            #expect((try server.json(response)["issues"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("A glossary table whose term is one Latin word of 100,000 letters imports")
    func aLongTermImportsInLinearTime() async throws {
        let table = "en,ru\n" + String(repeating: "abcdefghij", count: 10_000) + ",б\n"
        try await server.withServer(configure: Self.patientReads) { client, _ in
            let imported = try await timed(client, .post, "/v1/glossary/import?format=csv", body: table)
            #expect(imported.status == .created)
            #expect(try server.json(imported)["imported"] as? Int == 1)
        }
    }
}
