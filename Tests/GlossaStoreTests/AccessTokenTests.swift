import Foundation
import GlossaModel
import GlossaStore
import GlossaTestSupport
import Testing

/// Access tokens on the engine under test: made, found by their secret, listed, revoked, and kept
/// in step with the memories they name.
@Suite struct AccessTokenTests {
    static let acme = (try! MemoryName("client-acme"))

    @Test func aNewTokenIsFoundByItsSecretAndItsSecretIsStoredOnlyAsAHash() async throws {
        let store = try await Fixtures.newStore()
        let tokens = AccessTokens(store: store)
        let issued = try await tokens.create(scope: .memory(Self.acme, .read), note: "  Acme's CAT tool ")
        #expect(issued.secret.hasPrefix(AccessTokens.secretPrefix) && AccessTokens.looksLikeSecret(issued.secret))
        #expect(issued.record.note == "Acme's CAT tool" && !issued.record.isRevoked)
        #expect(try await tokens.validToken(secret: issued.secret) == issued.record)
        #expect(try await store.token(forSecretHash: AccessTokens.hash(issued.secret)) == issued.record)
        #expect(try await store.token(forSecretHash: issued.secret) == nil)
        #expect(try await tokens.validToken(secret: AccessTokens.secretPrefix + String(repeating: "0", count: 64)) == nil)
        #expect(try await tokens.list() == [issued.record])
        let other = try await tokens.create(scope: .memory(Self.acme, .read))
        #expect(other.secret != issued.secret)
    }

    @Test func aRevokedTokenIsListedAsRevokedAndNoLongerValid() async throws {
        let store = try await Fixtures.newStore()
        let tokens = AccessTokens(store: store)
        let glossary = try await tokens.create(scope: .glossaryWrite)
        let memory = try await tokens.create(scope: .memory(Self.acme, .readWrite), note: "translators")
        #expect(try await tokens.revoke(id: glossary.record.id))
        #expect(try await tokens.validToken(secret: glossary.secret) == nil)
        #expect(try await tokens.validToken(secret: memory.secret) == memory.record)
        let listed = try await tokens.list()
        #expect(listed.map(\.id) == [glossary.record.id, memory.record.id])
        let revokedAt = try #require(listed[0].revokedAt)
        #expect(listed[0].scope == .glossaryWrite && listed[1].scope == .memory(Self.acme, .readWrite) && listed[1].revokedAt == nil)
        // Revoking again keeps the first time; an unknown id is no token.
        #expect(try await tokens.revoke(id: glossary.record.id))
        #expect(try await tokens.list()[0].revokedAt == revokedAt)
        #expect(try await !tokens.revoke(id: 999_999))
    }

    @Test func tokensFollowTheirMemoryWhenItIsRenamedAndAreRevokedWithIt() async throws {
        let store = try await Fixtures.newStore()
        let tokens = AccessTokens(store: store)
        let reader = try await tokens.create(scope: .memory(Self.acme, .read))
        let writer = try await tokens.create(scope: .memory(Self.acme, .readWrite))
        let elsewhere = try await tokens.create(scope: .memory((try! MemoryName("client-bolt")), .read))
        let glossary = try await tokens.create(scope: .glossaryWrite)
        let renamed = (try! MemoryName("acme-2026"))
        #expect(try await store.renameTokens(memory: Self.acme, to: renamed) == 2)
        #expect(try await tokens.validToken(secret: reader.secret)?.scope == .memory(renamed, .read))
        #expect(try await tokens.validToken(secret: writer.secret)?.scope == .memory(renamed, .readWrite))
        #expect(try await store.revokeTokens(memory: renamed) == 2)
        #expect(try await store.revokeTokens(memory: renamed) == 0)
        #expect(try await tokens.validToken(secret: reader.secret) == nil)
        #expect(try await tokens.validToken(secret: writer.secret) == nil)
        #expect(try await tokens.validToken(secret: elsewhere.secret) != nil)
        #expect(try await tokens.validToken(secret: glossary.secret) != nil)
    }

    @Test func aNoteLongerThanTheLimitIsRefused() async throws {
        let tokens = AccessTokens(store: try await Fixtures.newStore())
        await #expect(throws: AccessTokens.Failure.self) {
            try await tokens.create(scope: .glossaryWrite, note: String(repeating: "n", count: AccessTokens.maxNoteLength + 1))
        }
        #expect(try await tokens.list().isEmpty)
    }

    @Test func memoryNamesAreSlugs() {
        for valid in ["a", "client-acme", "0", "acme.v2_fr", String(repeating: "x", count: MemoryName.maxLength)] {
            #expect((try? MemoryName(valid)) != nil, "\(valid)")
        }
        for invalid in [
            "", "-acme", ".acme", "_acme", "Acme", "client acme", "acme/fr", "ачме", String(repeating: "x", count: MemoryName.maxLength + 1),
        ] {
            #expect((try? MemoryName(invalid)) == nil, "\(invalid)")
        }
    }
}
