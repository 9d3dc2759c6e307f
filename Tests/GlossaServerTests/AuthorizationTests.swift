import Foundation
import GlossaModel
import GlossaStore
import Testing

@testable import GlossaServer

@Suite struct AuthorizationTests {
    @Test func tokensAreEqualOnlyWhenEveryByteAndTheLengthAre() {
        let token = Array("s3cret-token".utf8)
        typealias Middleware = CallerMiddleware<GlossaRequestContext>
        #expect(Middleware.constantTimeEqual(token, token))
        #expect(!Middleware.constantTimeEqual(token, Array(token.dropLast())))
        #expect(!Middleware.constantTimeEqual(token, token + [0]))
        // Lengths differing by a multiple of 256, padded with what the comparison pads with.
        #expect(!Middleware.constantTimeEqual(token, token + [UInt8](repeating: 0, count: 256)))
        #expect(!Middleware.constantTimeEqual([], [UInt8](repeating: 0, count: 512)))
        #expect(!Middleware.constantTimeEqual(token, Array("s3cret-tokem".utf8)))
    }

    static func caller(_ scope: TokenScope) -> Caller {
        Caller(.token(AccessTokenRecord(id: 1, scope: scope, note: nil, createdAt: Date(), revokedAt: nil)), serverHasAdmin: true)
    }

    @Test func eachCallerMayDoWhatItsTokenGrantsAndNoMore() {
        let admin = Caller(.admin, serverHasAdmin: true)
        let anonymous = Caller(.anonymous, serverHasAdmin: true)
        let reader = Self.caller(.memory((try! MemoryName("client-acme")), .read))
        let writer = Self.caller(.memory((try! MemoryName("client-acme")), .readWrite))
        let glossary = Self.caller(.glossaryWrite)

        #expect(admin.isAdmin && admin.canWriteGlossary && admin.canWrite(memory: "any") && admin.canRead(memory: "any", isPublic: false))
        #expect(!anonymous.canWriteGlossary && !anonymous.canWrite(memory: "client-acme"))
        #expect(anonymous.canRead(memory: "open", isPublic: true) && !anonymous.canRead(memory: "client-acme", isPublic: false))

        #expect(reader.canRead(memory: "client-acme", isPublic: false) && !reader.canWrite(memory: "client-acme"))
        #expect(!reader.canRead(memory: "client-bolt", isPublic: false) && reader.canRead(memory: "client-bolt", isPublic: true))
        #expect(writer.canWrite(memory: "client-acme") && !writer.canWrite(memory: "client-bolt"))
        #expect(writer.readableMemories == .only(["client-acme"]) && writer.writableMemories == .only(["client-acme"]))
        #expect(reader.writableMemories == .only([]) && admin.writableMemories == .all)
        #expect(!reader.canWriteGlossary && !writer.canWriteGlossary && !reader.isAdmin)

        #expect(glossary.canWriteGlossary && !glossary.isAdmin && glossary.readableMemories == .only([]))
        #expect(throws: Never.self) { try glossary.requireGlossaryWrite(to: "add a concept") }
        #expect(throws: Problem.self) { try glossary.requireAdmin(to: "import") }
        #expect(throws: Problem.self) { try reader.requireWrite(memory: "client-acme", to: "import") }
        #expect(throws: Never.self) { try writer.requireWrite(memory: "client-acme", to: "import") }
    }

    @Test func refusalsSayWhetherToSendATokenOrThatTheTokenIsNotEnough() throws {
        func status(_ caller: Caller) -> Int? {
            do {
                try caller.requireAdmin(to: "import")
                return nil
            } catch let problem as Problem {
                return problem.status.code
            } catch { return 0 }
        }
        #expect(status(Caller(.anonymous, serverHasAdmin: true)) == 401)
        #expect(status(Caller(.anonymous, serverHasAdmin: false)) == 403)
        #expect(status(Self.caller(.glossaryWrite)) == 403)
        #expect(status(Caller(.admin, serverHasAdmin: true)) == nil)
    }
}
