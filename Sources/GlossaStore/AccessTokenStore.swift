import Foundation
import GlossaModel

/// What a memory token may do with its memory.
public enum MemoryRights: String, Sendable, Hashable, Codable, CaseIterable {
    case read
    case readWrite = "read-write"
}

/// What an access token grants. The server's own token (`--token`) is the admin and is never stored.
public enum TokenScope: Sendable, Hashable {
    /// Edit the glossary (concepts and glossary imports), nothing else.
    case glossaryWrite
    /// Read, or read and write, one named memory.
    case memory(MemoryName, MemoryRights)

    /// `glossary-write` or `memory`, as the `scope` column and the API spell it.
    public var kind: String {
        switch self {
        case .glossaryWrite: Self.glossaryWriteKind
        case .memory: Self.memoryKind
        }
    }

    public static let glossaryWriteKind = "glossary-write"
    public static let memoryKind = "memory"

    /// The scope a stored row describes; nil for a row this version cannot read (then it grants nothing).
    package init?(kind: String, memory: String?, rights: String?) {
        switch kind {
        case Self.glossaryWriteKind where memory == nil:
            self = .glossaryWrite
        case Self.memoryKind:
            guard let name = memory.flatMap { try? MemoryName($0) }, let rights = rights.flatMap(MemoryRights.init) else { return nil }
            self = .memory(name, rights)
        default:
            return nil
        }
    }

    /// The memory name and rights columns (NULL for a glossary-write token).
    package var columns: (memory: String?, rights: String?) {
        switch self {
        case .glossaryWrite: (nil, nil)
        case .memory(let name, let rights): (name.rawValue, rights.rawValue)
        }
    }
}

/// An access token as stored: never its secret, only what it grants and when.
public struct AccessTokenRecord: Sendable, Hashable {
    public let id: Int64
    public let scope: TokenScope
    public let note: String?
    public let createdAt: Date
    /// Nil while the token is valid.
    public let revokedAt: Date?

    public var isRevoked: Bool { revokedAt != nil }

    package init(id: Int64, scope: TokenScope, note: String?, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.scope = scope
        self.note = note
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Where access tokens live: the SHA-256 of each secret with its scope, so a stolen database
/// copy holds no usable token. `AccessTokens` makes the secrets; an engine only stores rows.
public protocol AccessTokenStore: Sendable {
    /// Stores a new token; `secretHash` is the SHA-256 hex of its secret (`AccessTokens.hash`).
    func createToken(secretHash: String, scope: TokenScope, note: String?) async throws -> AccessTokenRecord
    /// Every token, revoked ones too, in creation order.
    func listTokens() async throws -> [AccessTokenRecord]
    /// Revokes the token at once; false when there is no token with this id. Revoking twice keeps
    /// the first time.
    func revokeToken(id: Int64) async throws -> Bool
    /// The token whose secret hashes to `secretHash`, revoked or not; nil when none does.
    func token(forSecretHash secretHash: String) async throws -> AccessTokenRecord?
    /// A memory renamed: its tokens follow it. Returns how many tokens changed.
    @discardableResult
    func renameTokens(memory: MemoryName, to newName: MemoryName) async throws -> Int
    /// A memory removed: its valid tokens are revoked. Returns how many were.
    @discardableResult
    func revokeTokens(memory: MemoryName) async throws -> Int
}
