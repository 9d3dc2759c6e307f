import Foundation
import GlossaStore
import GlossaTestSupport
import Hummingbird
import Testing

/// Named memories over HTTP, on a live server: created, imported into, searched with penalties and
/// filters, listed with their imports, exported alone.
extension ServerTests {
    func send(_ client: LiveClient, _ method: HTTPRequest.Method, _ uri: String, body: String? = nil) async throws -> LiveClient.Response {
        try await client.execute(
            uri: uri, method: method, headers: [.authorization: "Bearer \(Self.token)"], body: body.map { ByteBuffer(string: $0) })
    }

    @Test func aClientMemoryIsCreatedImportedIntoAndSearchedWithAPenaltyOnAnOlderOne() async throws {
        try await withServer { client, _ in
            // The server's sample memory (`default`) plays the older memory.
            let created = try await self.send(
                client, .post, "/v1/memories", body: #"{"name":"client-acme","client":"ACME","domain":"politics","description":"ACME's news"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/v1/memories/client-acme")
            let memory = try self.json(created)
            #expect(memory["public"] as? Bool == false && memory["units"] as? Int == 0 && memory["client"] as? String == "ACME")

            let tmx = Fixtures.tmx([[("en", "Putin arrives in Beijing"), ("ru", "Путин приезжает в Пекин")]])
            let imported = try await self.send(client, .post, "/v1/memories/client-acme/import?origin=acme.tmx", body: tmx)
            #expect(imported.status == .created)
            #expect(try self.json(imported)["memory"] as? String == "client-acme")

            let lookup = "/v1/tm/lookup?q=Putin%20arrives%20in%20Beijing&source=en&target=ru&min=90"
            let penalized = try self.json(try await self.send(client, .get, lookup + "&penalty=default:5"))
            let matches = try #require(penalized["matches"] as? [[String: Any]])
            #expect(matches.count == 2)
            let first = try #require(matches.first)
            #expect((first["score"] as? [String: Any])?["value"] as? Int == 100)
            #expect((first["target"] as? [String: Any])?["text"] as? String == "Путин приезжает в Пекин")
            let provenance = try #require(first["provenance"] as? [String: Any])
            #expect(provenance["memory"] as? String == "client-acme" && provenance["origin"] as? String == "acme.tmx")
            #expect(first["alternatives"] as? Int == nil)
            let second = try #require(matches.last?["score"] as? [String: Any])
            #expect(second["value"] as? Int == 95 && second["kind"] as? String == "fuzzy" && second["penalty"] as? Int == 5)

            let onlyACME = try self.json(try await self.send(client, .get, lookup + "&memories=client-acme"))
            #expect((onlyACME["matches"] as? [Any])?.count == 1)
            let byClient = try self.json(try await self.send(client, .get, lookup + "&client=ACME"))
            #expect((byClient["matches"] as? [Any])?.count == 1)
            let unknownProp = try await client.execute(uri: lookup + "&prop.x-no-such=1", method: .get)
            let unknownPropMatches = try self.json(unknownProp)["matches"] as? [Any]
            #expect(unknownProp.status == .ok && unknownPropMatches?.isEmpty == true)

            let imports = try #require(
                try self.json(try await self.send(client, .get, "/v1/imports?memories=client-acme"))["imports"] as? [[String: Any]])
            #expect(imports.count == 1 && imports.first?["origin"] as? String == "acme.tmx" && imports.first?["imported"] as? Int == 1)

            let export = try await self.send(client, .get, "/v1/tm/export?memories=client-acme")
            let exported = String(buffer: export.body)
            #expect(exported.contains("Путин приезжает в Пекин") && !exported.contains("Путин прибыл в Пекин"))

            // Private: without a token, the memory does not exist.
            let anonymous = try self.json(try await client.execute(uri: lookup, method: .get))["matches"] as? [[String: Any]]
            #expect(anonymous?.count == 1 && (anonymous?.first?["provenance"] as? [String: Any])?["memory"] as? String == "default")
            let hidden = try await client.execute(uri: lookup + "&memories=client-acme", method: .get)
            #expect(try self.expectProblem(hidden, .notFound).contains("client-acme"))
            let publicList = try self.json(try await client.execute(uri: "/v1/memories", method: .get))["memories"] as? [[String: Any]]
            #expect(publicList?.map { $0["name"] as? String } == ["default"])

            let renamed = try await self.send(client, .patch, "/v1/memories/client-acme", body: #"{"name":"acme","penalty":2}"#)
            let penalty = try self.json(renamed)["penalty"] as? Int
            #expect(renamed.status == .ok && penalty == 2)
            let list = try #require(try self.json(try await self.send(client, .get, "/v1/memories"))["memories"] as? [[String: Any]])
            #expect(list.map { "\($0["name"] ?? "") \($0["units"] ?? "")" } == ["acme 1", "default 91"])
        }
    }
}

extension ServerTests {
    @Test func unitsASearchSelectsAreCountedFirstThenRemoved() async throws {
        try await withServer { client, memory in
            let selection = #"{"q":"Power of Siberia","lang":"en","dryRun":true}"#
            let counted = try self.json(try await self.send(client, .post, "/v1/memories/default/units/delete", body: selection))
            let matched = try #require(counted["matched"] as? Int)
            #expect(matched > 0 && counted["removed"] as? Int == 0)
            let before = try await memory.store.statistics(memories: nil).units
            #expect(try await memory.store.statistics(memories: nil).units == before)

            let removal = selection.replacingOccurrences(of: "true", with: "false")
            let removed = try self.json(try await self.send(client, .post, "/v1/memories/default/units/delete", body: removal))
            #expect(removed["matched"] as? Int == matched && removed["removed"] as? Int == matched)
            #expect(try await memory.store.statistics(memories: nil).units == before - matched)
            let hits = try self.json(try await client.execute(uri: "/v1/tm/concordance?q=Power%20of%20Siberia&lang=en", method: .get))
            #expect((hits["hits"] as? [Any])?.isEmpty == true)
            let check = try await TermIndexCheck(store: memory.store).run()
            #expect(check.isConsistent, "\(check.problems.prefix(5))")
        }
    }
}
