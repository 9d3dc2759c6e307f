import Foundation
import GlossaTestSupport
import Hummingbird
import Testing

/// `/v1/glossary/concepts`: one concept added, read, replaced and removed over HTTP.
extension ServerTests {
    static var changan: String {
        #"{"domain":"place","terms":[{"text":"Chang'an","language":"en","status":"preferred"},{"text":"长安","language":"zh-CN"}]}"#
    }

    func send(
        _ client: LiveClient, _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil,
        token: String? = ServerTests.token
    ) async throws -> LiveClient.Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func annotatedTexts(_ client: LiveClient, _ text: String) async throws -> [String] {
        let body = #"{"text":"\#(text)","language":"en"}"#
        let response = try await send(client, .post, "/v1/glossary/annotate", body, token: nil)
        return try #require(try json(response)["occurrences"] as? [[String: Any]]).compactMap { $0["text"] as? String }
    }

    @Test func conceptsAreAddedReadReplacedAndRemoved() async throws {
        try await withServer { client, _ in
            try self.expectProblem(try await self.send(client, .post, "/v1/glossary/concepts", Self.changan, token: nil), .unauthorized)
            try self.expectProblem(try await self.send(client, .post, "/v1/glossary/concepts", Self.changan, token: "wrong"), .unauthorized)

            let created = try await self.send(client, .post, "/v1/glossary/concepts", Self.changan)
            #expect(created.status == .created)
            let id = try #require(try self.json(created)["id"] as? Int)
            #expect(created.headers[.location] == "/v1/glossary/concepts/\(id)")
            try self.expectProblem(try await self.send(client, .post, "/v1/glossary/concepts", Self.changan), .conflict)

            // Found from any script at once, with a Palladius transliteration for Russian.
            let names = try await client.execute(uri: "/v1/names?q=changan&to=en,ru", method: .get)
            let result = try #require((try self.json(names)["results"] as? [[String: Any]])?.first)
            #expect(result["conceptID"] as? Int == id)
            let russian = try #require((result["transliterations"] as? [String: Any])?["ru"] as? [String: Any])
            #expect(russian["text"] as? String == "Чанъань")
            #expect(russian["attested"] as? Bool == false)
            #expect(try await self.annotatedTexts(client, "Tang emperors ruled from Chang'an.") == ["Chang'an"])

            let replacement =
                #"{"domain":"place","note":"renamed","terms":[{"text":"Xi'an","language":"en","status":"preferred"},"#
                + #"{"text":"Chang'an","language":"en","status":"deprecated"},{"text":"西安","language":"zh-CN","status":"preferred"}]}"#
            let replaced = try await self.send(client, .put, "/v1/glossary/concepts/\(id)", replacement)
            #expect(replaced.status == .ok)
            let body = try self.json(replaced)
            #expect(body["id"] as? Int == id)
            #expect(body["note"] as? String == "renamed")
            #expect((body["terms"] as? [[String: Any]])?.compactMap { $0["text"] as? String } == ["Xi'an", "Chang'an", "西安"])
            // The annotator's automaton is rebuilt: the new term is found, the old one is now deprecated.
            #expect(try await self.annotatedTexts(client, "From Xi'an to Chang'an.") == ["Xi'an", "Chang'an"])
            let read = try await self.send(client, .get, "/v1/glossary/concepts/\(id)", token: nil)
            #expect((try self.json(read)["terms"] as? [[String: Any]])?.count == 3)

            let removed = try await self.send(client, .delete, "/v1/glossary/concepts/\(id)")
            #expect(removed.status == .noContent)
            try self.expectProblem(try await self.send(client, .get, "/v1/glossary/concepts/\(id)", token: nil), .notFound)
            try self.expectProblem(try await self.send(client, .delete, "/v1/glossary/concepts/\(id)"), .notFound)
            try self.expectProblem(try await self.send(client, .put, "/v1/glossary/concepts/\(id)", Self.changan), .notFound)
            #expect(try await self.annotatedTexts(client, "From Xi'an to Chang'an.") == [])
            let after = try await client.execute(uri: "/v1/names?q=changan", method: .get)
            #expect((try self.json(after)["results"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test(arguments: [
        (#"{"terms":[]}"#, "'terms' must hold 1"),
        (#"{"terms":[{"text":"x","language":"e_"}]}"#, "terms[0].language"),
        (#"{"terms":[{"text":"x","language":"en","status":"good"}]}"#, "terms[0].status must be one of"),
        (#"{"terms":[{"text":"  ","language":"en"}]}"#, "terms[0].text must hold"),
        (#"{"terms":[{"language":"en"}]}"#, "missing field 'terms[0].text'"),
        (#"{"terms":"Putin"}"#, "field 'terms' must be"),
        (#"{"terms":[{"text":"x","language":"en"}"#, "not valid JSON"),
    ])
    func badConceptsAreRefusedAndChangeNothing(body: String, detail: String) async throws {
        try await withServer { client, _ in
            let before = try self.json(try await client.execute(uri: "/v1/stats", method: .get))["terms"] as? Int
            let message = try self.expectProblem(try await self.send(client, .post, "/v1/glossary/concepts", body), .badRequest)
            #expect(message.contains(detail), "\(message)")
            try self.expectProblem(try await self.send(client, .put, "/v1/glossary/concepts/1", body), .badRequest)
            try self.expectProblem(try await self.send(client, .put, "/v1/glossary/concepts/abc", Self.changan), .badRequest)
            let after = try self.json(try await client.execute(uri: "/v1/stats", method: .get))["terms"] as? Int
            #expect(before == after)
        }
    }
}
