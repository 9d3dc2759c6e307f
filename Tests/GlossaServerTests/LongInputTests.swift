import Foundation
import GlossaServer
import Hummingbird
import Testing

/// Inputs as long as the limits allow, whose cost must grow with their length and no faster: one
/// step quadratic in a segment's, a query's or a text's words would hold a core for minutes. The
/// bounds are far above what the linear code takes in a debug build on a loaded machine, and far
/// below what a quadratic step takes on the same input.
extension ServerTests {
    /// Longest any one of these requests may take.
    static let longInputBound = Duration.seconds(30)

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
            uri: uri, method: method, headers: [.authorization: "Bearer \(Self.token)"], body: body.map { ByteBuffer(string: $0) })
        let took = ContinuousClock.now - started
        #expect(took < Self.longInputBound, "\(method) \(uri.prefix(60)) took \(took)", sourceLocation: sourceLocation)
        return response
    }

    @Test("A unit whose English segment is 900 KB of 150,000 distinct words imports, and a 6,000-character lookup of them answers")
    func aSegmentOfDistinctWordsImportsAndIsLookedUpInLinearTime() async throws {
        let words = Self.distinctWords(150_000)
        let unit = #"<tu><tuv xml:lang="en"><seg>"# + words.joined(separator: " ") + #"</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>"#
        try await withServer { client, _ in
            let imported = try await self.timed(client, .post, "/v1/tm/import", body: tmxDocument(unit))
            #expect(imported.status == .created)
            #expect(try self.json(imported)["imported"] as? Int == 1)
            // 1,000 of the segment's words: every one leads to it, and it is far too long to match.
            let query = words.prefix(1_000).joined(separator: "%20")
            let lookup = try await self.timed(client, .get, "/v1/tm/lookup?source=en&target=ru&q=" + query)
            #expect(lookup.status == .ok)
            #expect((try self.json(lookup)["matches"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("A concordance search for a 3,000-word phrase of one repeated word finds it in a segment of 400,000")
    func aPhraseOfARepeatedWordIsFoundInLinearTime() async throws {
        let segment = String(repeating: "a ", count: 400_000) + "b"
        let unit = #"<tu><tuv xml:lang="en"><seg>"# + segment + #"</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>"#
        try await withServer { client, _ in
            #expect(try await self.timed(client, .post, "/v1/tm/import", body: tmxDocument(unit)).status == .created)
            let phrase = String(repeating: "a%20", count: 2_999) + "b"
            let found = try await self.timed(client, .get, "/v1/tm/concordance?lang=en&q=" + phrase)
            #expect(found.status == .ok)
            let hits = try #require(try self.json(found)["hits"] as? [[String: Any]])
            #expect(hits.count == 1)
        }
    }

    /// 100,000 distinct words with a glossary term every fifth word (20,000 occurrences).
    static var textOfManyTerms: String {
        distinctWords(100_000).enumerated().map { $0.offset % 5 == 0 ? "Putin" : $0.element }.joined(separator: " ")
    }

    @Test("Annotating a 600,000-character text finds each of its 20,000 terms")
    func aTextOfManyTermsIsAnnotatedInLinearTime() async throws {
        let body = try String(decoding: JSONSerialization.data(withJSONObject: ["text": Self.textOfManyTerms, "language": "en"]), as: UTF8.self)
        try await withServer { client, _ in
            let response = try await self.timed(client, .post, "/v1/glossary/annotate", body: body)
            #expect(response.status == .ok)
            #expect((try self.json(response)["occurrences"] as? [Any])?.count == 20_000)
        }
    }

    @Test("Checking a 600,000-character text against its translation reports no missing term")
    func aLongTextIsCheckedInLinearTime() async throws {
        let translation = Self.textOfManyTerms.replacing("Putin", with: "Путин")
        let body = try String(
            decoding: JSONSerialization.data(withJSONObject: [
                "source": Self.textOfManyTerms, "language": "en", "translation": translation, "translationLanguage": "ru",
            ]), as: UTF8.self)
        try await withServer { client, _ in
            let response = try await self.timed(client, .post, "/v1/glossary/check", body: body)
            #expect(response.status == .ok)
            #expect((try self.json(response)["issues"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("A glossary table whose term is one Latin word of 100,000 letters imports")
    func aLongTermImportsInLinearTime() async throws {
        let table = "en,ru\n" + String(repeating: "abcdefghij", count: 10_000) + ",б\n"
        try await withServer { client, _ in
            let imported = try await self.timed(client, .post, "/v1/glossary/import?format=csv", body: table)
            #expect(imported.status == .created)
            #expect(try self.json(imported)["imported"] as? Int == 1)
        }
    }
}
