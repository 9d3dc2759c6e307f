import Foundation
import GlossaStore
import GlossaTestSupport
import Hummingbird
import Testing

/// A translator's day on a live server (issue 14's "done means"): a private memory for a client,
/// its TMX imported, a lookup with a penalty on an older memory, a new segment confirmed, a unit
/// corrected, a mistaken import undone, the memory exported, and nothing of it readable with
/// another client's token. The term index is consistent at the end.
extension ServerTests {
    @Test func aTranslatorsWorkflowRunsEndToEndOverHTTP() async throws {
        try await withServer { client, memory in
            let tokens = AccessTokens(store: memory.store as! any Storage)
            // The admin makes the client's memory and gives the translator a read-write token.
            #expect(try await self.send(client, .post, "/v1/memories", body: #"{"name":"client-acme","client":"ACME"}"#).status == .created)
            #expect(try await self.send(client, .post, "/v1/memories", body: #"{"name":"client-bolt"}"#).status == .created)
            let translator = try await tokens.create(scope: .memory(try MemoryName("client-acme"), .readWrite)).secret
            let otherClient = try await tokens.create(scope: .memory(try MemoryName("client-bolt"), .read)).secret

            // The client's TMX, imported by the translator.
            let acme = Fixtures.tmx([
                [("en", "The board approved the merger."), ("ru", "Совет одобрил слияние.")],
                [("en", "Putin arrives in Beijing"), ("ru", "Путин приезжает в Пекин")],
            ])
            let imported = try await self.request(client, .post, "/v1/memories/client-acme/import?origin=acme.tmx", token: translator, body: acme)
            let importedCount = try self.json(imported)["imported"] as? Int
            #expect(imported.status == .created && importedCount == 2)

            // A lookup across the client's memory and the older `default` one, the older penalized.
            let lookup = "/v1/tm/lookup?q=Putin%20arrives%20in%20Beijing&source=en&target=ru&min=90&penalty=default:10"
            let matches = try #require(try self.json(try await self.request(client, .get, lookup, token: translator))["matches"] as? [[String: Any]])
            #expect(matches.map { ($0["score"] as? [String: Any])?["value"] as? Int } == [100, 90])
            #expect((matches.first?["provenance"] as? [String: Any])?["memory"] as? String == "client-acme")

            // A segment confirmed in the CAT tool.
            let confirmed =
                #"{"units":[{"segments":[{"language":"en","text":"The merger closes in May."},{"language":"ru","text":"Слияние завершится в мае."}]}]}"#
            let added = try await self.request(client, .post, "/v1/memories/client-acme/units", token: translator, body: confirmed)
            let addedCount = try self.json(added)["imported"] as? Int
            #expect(added.status == .created && addedCount == 1)

            // A unit corrected: found by its new text only, same id, changedate set.
            let board = try #require(
                try self.json(
                    try await self.request(
                        client, .get, "/v1/tm/lookup?q=The%20board%20approved%20the%20merger.&source=en&target=ru", token: translator))[
                        "matches"] as? [[String: Any]])
            let unitID = try #require(board.first?["unitID"] as? Int)
            let corrected = try await self.request(
                client, .put, "/v1/units/\(unitID)", token: translator,
                body: #"{"segments":[{"language":"ru","text":"Совет директоров одобрил слияние."}]}"#)
            #expect(corrected.status == .ok)
            let after = try self.json(corrected)
            #expect(after["id"] as? Int == unitID && after["changeDate"] as? String != nil)
            let fixed = try self.json(try await self.request(client, .get, "/v1/tm/concordance?q=approved&memories=client-acme", token: translator))
            let hits = try #require(fixed["hits"] as? [[String: Any]])
            #expect(
                hits.count == 1
                    && ((hits.first?["translations"] as? [[String: Any]])?.first?["text"] as? String) == "Совет директоров одобрил слияние.")

            // A mistaken import, undone: its units go, the others stay.
            let mistake = Fixtures.tmx([[("en", "Wrong client text"), ("ru", "Текст другого клиента")]])
            let wrong = try self.json(
                try await self.request(client, .post, "/v1/memories/client-acme/import?origin=wrong.tmx", token: translator, body: mistake))
            #expect(wrong["imported"] as? Int == 1)
            let history = try #require(
                try self.json(try await self.request(client, .get, "/v1/imports?memories=client-acme", token: translator))["imports"]
                    as? [[String: Any]])
            let wrongID = try #require(history.first { $0["origin"] as? String == "wrong.tmx" }?["id"] as? Int)
            let undone = try await self.request(client, .delete, "/v1/imports/\(wrongID)", token: translator)
            let removedCount = try self.json(undone)["removed"] as? Int
            #expect(undone.status == .ok && removedCount == 1)
            let again = try await self.request(client, .delete, "/v1/imports/\(wrongID)", token: translator)
            #expect(try self.expectProblem(again, .notFound).contains("\(wrongID)"))

            // The memory exported: the corrected unit, the confirmed one, not the undone one.
            let exported = String(buffer: try await self.request(client, .get, "/v1/tm/export?memories=client-acme", token: translator).body)
            #expect(exported.contains("Совет директоров одобрил слияние.") && exported.contains("Слияние завершится в мае."))
            #expect(!exported.contains("Текст другого клиента") && !exported.contains("Путин прибыл"))

            // Another client's token reads nothing of it.
            let snooping = try await self.request(client, .get, "/v1/tm/export?memories=client-acme", token: otherClient)
            #expect(snooping.status == .notFound)
            let everything = String(buffer: try await self.request(client, .get, "/v1/tm/export", token: otherClient).body)
            #expect(!everything.contains("Совет директоров") && !everything.contains("Слияние завершится"))
            let unit = try await self.request(client, .get, "/v1/units/\(unitID)", token: otherClient)
            #expect(unit.status == .notFound)

            // The term index holds exactly the units stored.
            let check = try await TermIndexCheck(store: memory.store).run()
            #expect(check.isConsistent, "\(check.problems.prefix(5))")
        }
    }
}
