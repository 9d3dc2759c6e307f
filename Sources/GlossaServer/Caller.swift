import GlossaModel
import GlossaStore
import Hummingbird

/// Who sent a request, as its `Authorization: Bearer ...` header says: nobody (no header), the
/// admin (the server's `--token`), or the holder of a stored access token. Resolved once per
/// request by `CallerMiddleware`; routes ask it what the request may do.
public struct Caller: Sendable {
    public enum Identity: Sendable, Hashable {
        case anonymous
        /// The server's own token: everything.
        case admin
        case token(AccessTokenRecord)
    }

    /// Memory names: every memory, or only these.
    public enum MemorySet: Sendable, Hashable {
        case all
        case only(Set<String>)

        public func contains(_ memory: String) -> Bool {
            switch self {
            case .all: true
            case .only(let names): names.contains(memory)
            }
        }
    }

    public let identity: Identity
    /// Whether the server has an admin token at all: without one, admin-only writes are disabled (403), not unauthorized.
    public let serverHasAdmin: Bool

    public init(_ identity: Identity, serverHasAdmin: Bool) {
        self.identity = identity
        self.serverHasAdmin = serverHasAdmin
    }

    public var isAdmin: Bool { identity == .admin }
    public var isAnonymous: Bool { identity == .anonymous }

    /// Concepts and glossary imports: the admin or a glossary-write token.
    public var canWriteGlossary: Bool {
        switch identity {
        case .admin: true
        case .token(let record): record.scope == .glossaryWrite
        case .anonymous: false
        }
    }

    /// The memories this caller was granted reading, public ones aside.
    public var readableMemories: MemorySet {
        switch identity {
        case .admin: return .all
        case .token(let record):
            guard case .memory(let name, _) = record.scope else { return .only([]) }
            return .only([name.rawValue])
        case .anonymous: return .only([])
        }
    }

    /// The memories this caller may write.
    public var writableMemories: MemorySet {
        switch identity {
        case .admin: return .all
        case .token(let record):
            guard case .memory(let name, .readWrite) = record.scope else { return .only([]) }
            return .only([name.rawValue])
        case .anonymous: return .only([])
        }
    }

    /// A public memory is everyone's to read; a private one its tokens' and the admin's.
    public func canRead(memory: String, isPublic: Bool) -> Bool {
        isPublic || readableMemories.contains(memory)
    }

    public func canWrite(memory: String) -> Bool {
        writableMemories.contains(memory)
    }

    // MARK: Checks that answer with the problem a client can act on

    /// For any write: a request without a token is refused before anything is looked up (so the
    /// answer is the same whether what it names exists or not).
    public func requireToken(to action: String) throws {
        guard isAnonymous else { return }
        throw refusal(to: action, needs: "a token")
    }

    /// For what only the admin may do (TM imports, tokens). `action` completes "... needs the admin token to ...".
    public func requireAdmin(to action: String) throws {
        guard !isAdmin else { return }
        throw refusal(to: action, needs: "the admin token (the server's --token)")
    }

    /// For glossary writes: the admin or a glossary-write token.
    public func requireGlossaryWrite(to action: String) throws {
        guard !canWriteGlossary else { return }
        throw refusal(to: action, needs: "the admin token or a glossary-write token")
    }

    /// For writes to one memory: the admin or a read-write token of that memory.
    public func requireWrite(memory: String, to action: String) throws {
        guard !canWrite(memory: memory) else { return }
        throw refusal(to: action, needs: "the admin token or a read-write token of memory '\(memory)'")
    }

    /// Nobody identified: 401 (403 when the server takes no admin token, so that only stored
    /// tokens could ever do it); a token without the right: 403.
    private func refusal(to action: String, needs: String) -> Problem {
        switch identity {
        case .anonymous where serverHasAdmin:
            Problem.unauthorized("this request writes: send 'Authorization: Bearer <token>' with \(needs) to \(action)")
        case .anonymous:
            Problem.writesDisabled(
                "this server has no admin token: start it with --token or GLOSSA_TOKEN to enable writes; \(action) needs \(needs)")
        case .admin, .token:
            Problem.forbidden("this token does not allow it: \(action) needs \(needs)")
        }
    }
}

/// A request context that carries the `Caller`.
public protocol CallerRequestContext: RequestContext {
    var caller: Caller { get set }
}
