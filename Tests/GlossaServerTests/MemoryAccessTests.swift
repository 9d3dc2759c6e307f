import Foundation
import GlossaStore
import GlossaTestSupport
import Hummingbird
import Testing

/// Private memories over HTTP: a token of another memory learns nothing of them. Every route that
/// names a memory answers it exactly as it answers a memory that does not exist, and the routes
/// that count or list leave it out.
extension ServerTests {
    func request(
        _ client: LiveClient, _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil
    ) async throws
        -> LiveClient.Response
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Status and problem type, and the detail with the memory's name taken out.
    func answer(_ response: LiveClient.Response, naming name: String) throws -> String {
        let body = try json(response)
        let detail = (body["detail"] as? String ?? "").replacingOccurrences(of: name, with: "NAME")
        return "\(response.status.code) \(body["type"] as? String ?? "") \(detail)"
    }

    @Test func aTokenOfAnotherMemoryGetsTheAnswersOfAMemoryThatDoesNotExist() async throws {
        try await withServer { client, memory in
            let tokens = AccessTokens(store: memory.store as! any Storage)
            for name in ["client-acme", "client-bolt"] {
                #expect(try await self.send(client, .post, "/v1/memories", body: #"{"name":"\#(name)"}"#).status == .created)
            }
            let secret = Fixtures.tmx([[("en", "The ACME merger is secret"), ("ru", "Слияние ACME — тайна")]])
            #expect(try await self.send(client, .post, "/v1/memories/client-acme/import?origin=acme-secret.tmx", body: secret).status == .created)
            let bolt = try await tokens.create(scope: .memory(try MemoryName("client-bolt"), .read)).secret

            let lookup = "/v1/tm/lookup?q=The%20ACME%20merger%20is%20secret&source=en&target=ru"
            let probes: [(HTTPRequest.Method, String, String?)] = [
                (.get, lookup + "&memories=NAME", nil),
                (.post, "/v1/tm/lookup?memories=NAME", #"{"source":"en","target":"ru","segments":["The ACME merger"]}"#),
                (.get, lookup + "&penalty=NAME:0", nil),
                (.get, "/v1/tm/concordance?q=ACME&memories=NAME", nil),
                (.get, "/v1/tm/export?memories=NAME", nil),
                (.get, "/v1/memories/NAME/export", nil),
                (.get, "/v1/memories/NAME", nil),
                (.get, "/v1/imports?memories=NAME", nil),
                (.patch, "/v1/memories/NAME", #"{"penalty":1}"#),
                (.post, "/v1/memories/NAME/import", secret),
                (.post, "/v1/tm/import?memory=NAME", secret),
            ]
            for (method, uri, body) in probes {
                let hidden = try await self.request(
                    client, method, uri.replacingOccurrences(of: "NAME", with: "client-acme"), token: bolt, body: body)
                let missing = try await self.request(
                    client, method, uri.replacingOccurrences(of: "NAME", with: "no-such-memory"), token: bolt, body: body)
                #expect(hidden.status == .notFound, "\(method) \(uri)")
                #expect(try self.answer(hidden, naming: "client-acme") == (try self.answer(missing, naming: "no-such-memory")), "\(method) \(uri)")
            }

            // Lists and counts leave it out: the same as for a caller without a token.
            for uri in ["/v1/memories", "/v1/stats", "/v1/languages", "/v1/imports", lookup, "/v1/tm/concordance?q=ACME", "/v1/tm/export"] {
                let withToken = try await self.request(client, .get, uri, token: bolt)
                let anonymous = try await self.request(client, .get, uri, token: nil)
                #expect(withToken.status == .ok, "\(uri)")
                let text = String(buffer: withToken.body)
                // (The query itself is echoed: "ACME" is not looked for.)
                #expect(!text.contains("Слияние") && !text.contains("client-acme") && !text.contains("acme-secret"), "\(uri): \(text.prefix(300))")
                // The export's header says when it was made: that second may differ.
                func timeless(_ text: String) -> String {
                    text.replacingOccurrences(of: #"creationdate="[^"]*""#, with: "", options: .regularExpression)
                }
                if uri != "/v1/memories" { #expect(timeless(text) == timeless(String(buffer: anonymous.body)), "\(uri)") }
            }
            let listed = try self.json(try await self.request(client, .get, "/v1/memories", token: bolt))["memories"] as? [[String: Any]]
            #expect(listed?.compactMap { $0["name"] as? String } == ["client-bolt", "default"])

            // Its own memory's token reads and, with read-write, writes it; not the other one.
            let acmeWriter = try await tokens.create(scope: .memory(try MemoryName("client-acme"), .readWrite)).secret
            let found = try self.json(try await self.request(client, .get, lookup, token: acmeWriter))["matches"] as? [[String: Any]]
            #expect(found?.first.flatMap { ($0["provenance"] as? [String: Any])?["memory"] as? String } == "client-acme")
            let more = Fixtures.tmx([[("en", "A second ACME unit"), ("ru", "Второй блок ACME")]])
            #expect(try await self.request(client, .post, "/v1/memories/client-acme/import", token: acmeWriter, body: more).status == .created)
            let intoBolt = try await self.request(client, .post, "/v1/memories/client-bolt/import", token: acmeWriter, body: more)
            #expect(intoBolt.status == .notFound)
            let readOnly = try await self.request(client, .post, "/v1/memories/client-bolt/import", token: bolt, body: more)
            #expect(readOnly.status == .forbidden)
            #expect(
                try await self.request(client, .patch, "/v1/memories/client-acme", token: acmeWriter, body: #"{"penalty":1}"#).status == .forbidden)
        }
    }

    @Test func aRenamedMemoryKeepsItsTokens() async throws {
        try await withServer { client, memory in
            let tokens = AccessTokens(store: memory.store as! any Storage)
            #expect(try await self.send(client, .post, "/v1/memories", body: #"{"name":"client-acme"}"#).status == .created)
            let reader = try await tokens.create(scope: .memory(try MemoryName("client-acme"), .read)).secret
            #expect(try await self.send(client, .patch, "/v1/memories/client-acme", body: #"{"name":"acme"}"#).status == .ok)
            #expect(try await self.request(client, .get, "/v1/memories/acme", token: reader).status == .ok)
        }
    }
}
