import Foundation
import GlossaServer
import GlossaStore
import GlossaTestSupport
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import Testing

/// `/v1/tokens` and what access tokens may do: the admin (the server's token) makes and revokes
/// them; a glossary-write token edits the glossary and nothing else; a memory token cannot import
/// yet; an unknown or revoked token is 401 on every route, and counted.
extension ServerTests {
    /// Makes a token with the admin token; returns its id and secret.
    func createToken(_ client: LiveClient, _ body: String) async throws -> (id: Int, secret: String) {
        let response = try await send(client, .post, "/v1/tokens", body)
        #expect(response.status == .created)
        let json = try json(response)
        let token = try #require(json["token"] as? [String: Any])
        return (try #require(token["id"] as? Int), try #require(json["secret"] as? String))
    }

    static let glossaryWrite = #"{"scope":"glossary-write","note":"terminologists"}"#
    static let acmeReader = #"{"memory":"client-acme","rights":"read"}"#

    @Test func theAdminMakesListsAndRevokesTokensAndTheListNeverHoldsASecret() async throws {
        try await withServer { client, _ in
            let glossary = try await self.createToken(client, Self.glossaryWrite)
            let reader = try await self.createToken(client, Self.acmeReader)
            #expect(glossary.secret.hasPrefix("glossa_") && glossary.secret != reader.secret)
            let list = try await self.send(client, .get, "/v1/tokens")
            #expect(list.status == .ok)
            let text = String(buffer: list.body)
            #expect(!text.contains(glossary.secret) && !text.contains(reader.secret))
            #expect(!text.contains(AccessTokens.hash(glossary.secret)))
            let tokens = try #require(try self.json(list)["tokens"] as? [[String: Any]])
            let listed = try #require(tokens.first { $0["id"] as? Int == reader.id })
            #expect(listed["scope"] as? String == "memory" && listed["memory"] as? String == "client-acme")
            #expect(listed["rights"] as? String == "read" && listed["revokedAt"] == nil && listed["createdAt"] is String)
            #expect(tokens.first { $0["id"] as? Int == glossary.id }?["note"] as? String == "terminologists")

            // Only the admin: no token is 401, another token 403.
            try self.expectProblem(try await self.send(client, .get, "/v1/tokens", token: nil), .unauthorized)
            try self.expectProblem(try await self.send(client, .get, "/v1/tokens", token: glossary.secret), .forbidden)
            try self.expectProblem(try await self.send(client, .post, "/v1/tokens", Self.glossaryWrite, token: reader.secret), .forbidden)
            try self.expectProblem(try await self.send(client, .delete, "/v1/tokens/\(reader.id)", token: glossary.secret), .forbidden)

            try self.expectProblem(try await self.send(client, .delete, "/v1/tokens/999999"), .notFound)
            #expect(try await self.send(client, .delete, "/v1/tokens/\(reader.id)").status == .noContent)
            // Revocation holds from the next request on, on every route.
            try self.expectProblem(try await self.send(client, .get, "/v1/languages", token: reader.secret), .unauthorized)
            let revoked = try #require(try self.json(try await self.send(client, .get, "/v1/tokens"))["tokens"] as? [[String: Any]])
            #expect(revoked.first { $0["id"] as? Int == reader.id }?["revokedAt"] is String)
        }
    }

    @Test func tokenRequestsThatDoNotSayWhatTheTokenMayDoAreRefused() async throws {
        try await withServer { client, _ in
            for body in [
                #"{}"#, #"{"scope":"admin"}"#, #"{"memory":"client-acme"}"#, #"{"memory":"client-acme","rights":"write"}"#,
                #"{"memory":"Client Acme","rights":"read"}"#, #"{"scope":"glossary-write","rights":"read"}"#,
                #"{"scope":"glossary-write","memory":"client-acme","rights":"read"}"#,
                #"{"scope":"glossary-write","note":"\#(String(repeating: "n", count: AccessTokens.maxNoteLength + 1))"}"#, "not json",
            ] {
                try self.expectProblem(try await self.send(client, .post, "/v1/tokens", body), .badRequest)
            }
            try self.expectProblem(try await self.send(client, .delete, "/v1/tokens/abc"), .badRequest)
            let tokens = try #require(try self.json(try await self.send(client, .get, "/v1/tokens"))["tokens"] as? [[String: Any]])
            #expect(tokens.isEmpty)
        }
    }

    @Test func aGlossaryWriteTokenEditsTheGlossaryButCannotImportIntoTheMemory() async throws {
        let tmx = Fixtures.tmx([[("en", "A glossary token's sentence."), ("ru", "Предложение.")]])
        try await withServer { client, memory in
            let glossary = try await self.createToken(client, Self.glossaryWrite)
            let added = try await self.send(client, .post, "/v1/glossary/concepts", Self.changan, token: glossary.secret)
            #expect(added.status == .created)
            let id = try #require(try self.json(added)["id"] as? Int)
            #expect(try await self.send(client, .delete, "/v1/glossary/concepts/\(id)", token: glossary.secret).status == .noContent)
            let imported = try await client.execute(
                uri: "/v1/tm/import", method: .post, headers: [.authorization: "Bearer \(glossary.secret)"], body: ByteBuffer(string: tmx))
            let detail = try self.expectProblem(imported, .forbidden)
            #expect(detail.contains("admin"))
            #expect(try await memory.store.statistics(memories: nil).units == 91)
        }
    }

    @Test func aMemoryTokenReadsButCannotImportOrEditTheGlossary() async throws {
        let tmx = Fixtures.tmx([[("en", "A memory token's sentence."), ("ru", "Предложение.")]])
        try await withServer { client, memory in
            for rights in ["read", "read-write"] {
                let token = try await self.createToken(client, #"{"memory":"client-acme","rights":"\#(rights)"}"#)
                let headers: HTTPFields = [.authorization: "Bearer \(token.secret)"]
                try await client.execute(uri: "/v1/tm/lookup?q=Putin&source=en&target=ru", method: .get, headers: headers) {
                    #expect($0.status == .ok)
                }
                let imported = try await client.execute(uri: "/v1/tm/import", method: .post, headers: headers, body: ByteBuffer(string: tmx))
                try self.expectProblem(imported, .forbidden)
                try self.expectProblem(try await self.send(client, .post, "/v1/glossary/concepts", Self.changan, token: token.secret), .forbidden)
            }
            #expect(try await memory.store.statistics(memories: nil).units == 91)
        }
    }

    @Test func wrongRevokedAndMalformedTokensAreRefusedOnEveryRouteAndCounted() async throws {
        try await withServer { client, _ in
            let failures = "glossa_auth_failures_total "
            func count(_ text: String) -> Double {
                text.split(separator: "\n").first { $0.hasPrefix(failures) }.flatMap { Double($0.dropFirst(failures.count)) } ?? 0
            }
            let before = count(try await self.scrape(client) { $0.contains(failures) })
            let revoked = try await self.createToken(client, Self.glossaryWrite)
            #expect(try await self.send(client, .delete, "/v1/tokens/\(revoked.id)").status == .noContent)
            for (uri, header) in [
                ("/health", "Bearer wrong"), ("/v1/languages", "Bearer \(revoked.secret)"),
                ("/v1/tm/lookup?q=Putin&source=en&target=ru", "Bearer " + AccessTokens.secretPrefix + String(repeating: "a", count: 64)),
                ("/v1/stats", "Basic dXNlcjpwYXNz"), ("/v1/stats", "Bearer "), ("/no-such-route", "Bearer wrong"),
            ] {
                let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: header])
                let detail = try self.expectProblem(response, .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(!detail.contains(revoked.secret) && !detail.contains("wrong"))
            }
            // Counters only grow, and other tests share the registry: at least these six.
            let after = count(try await self.scrape(client) { count($0) >= before + 6 })
            #expect(after >= before + 6)
        }
    }

    @Test func storedTokensWorkOnAServerWithoutAnAdminToken() async throws {
        let store = try await Fixtures.newStore()
        let issued = try await AccessTokens(store: store).create(scope: .glossaryWrite)
        try await withLiveServer(
            memory: TranslationMemory(store: store), glossary: Glossary(store: store), tokens: AccessTokens(store: store),
            configuration: ServerConfiguration(token: nil), metrics: Self.metrics
        ) { client in
            #expect(try await self.send(client, .post, "/v1/glossary/concepts", Self.changan, token: issued.secret).status == .created)
            try self.expectProblem(try await self.send(client, .get, "/v1/tokens", token: nil), .forbidden)
            try self.expectProblem(try await self.send(client, .get, "/v1/tokens", token: issued.secret), .forbidden)
        }
    }

    @Test func tokenSecretsNeverReachTheLog() async throws {
        let log = LogLines()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: log) }
        let secrets = Secrets()
        try await withServer(logger: logger) { client, _ in
            let token = try await self.createToken(client, Self.glossaryWrite)
            secrets.add(token.secret)
            #expect(try await self.send(client, .post, "/v1/glossary/concepts", Self.changan, token: token.secret).status == .created)
            #expect(try await self.send(client, .delete, "/v1/tokens/\(token.id)").status == .noContent)
            try self.expectProblem(try await self.send(client, .get, "/v1/stats", token: token.secret), .unauthorized)
        }
        let lines = log.all
        #expect(lines.contains { $0.contains("http.status=401") })
        for secret in secrets.all + [Self.token] {
            #expect(lines.allSatisfy { !$0.contains(secret) })
        }
    }
}

/// Secrets a test's server closure hands back.
final class Secrets: Sendable {
    private let values = Mutex<[String]>([])
    func add(_ secret: String) { values.withLock { $0.append(secret) } }
    var all: [String] { values.withLock { $0 } }
}
