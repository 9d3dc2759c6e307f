import Foundation
import GlossaModel

/// Access tokens: a new secret is made here and shown once; the store keeps only its SHA-256,
/// so the secret cannot be read back from the database, the API or the CLI.
public struct AccessTokens: Sendable {
    public let store: any AccessTokenStore

    /// Every secret starts with it: a leaked one is recognisable (secret scanners, logs), and a
    /// bearer without it is rejected without a database read.
    public static let secretPrefix = "glossa_"
    /// 256 bits from the system's cryptographic generator.
    static let secretBytes = 32
    /// A note is a reminder for people (who holds it, what for), not a document.
    public static let maxNoteLength = 200

    public init(store: any AccessTokenStore) {
        self.store = store
    }

    /// A token just made: `secret` exists only in this value.
    public struct Issued: Sendable {
        public let record: AccessTokenRecord
        public let secret: String
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case noteTooLong

        public var description: String {
            switch self {
            case .noteTooLong: "a note holds at most \(AccessTokens.maxNoteLength) characters"
            }
        }
    }

    public func create(scope: TokenScope, note: String? = nil) async throws -> Issued {
        // Counted in code points before trimming, as the API's JSON Schema counts them.
        if let note, note.unicodeScalars.count > Self.maxNoteLength { throw Failure.noteTooLong }
        let note = note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let secret = Self.newSecret()
        let record = try await store.createToken(secretHash: Self.hash(secret), scope: scope, note: note)
        return Issued(record: record, secret: secret)
    }

    public func list() async throws -> [AccessTokenRecord] { try await store.listTokens() }

    public func revoke(id: Int64) async throws -> Bool { try await store.revokeToken(id: id) }

    /// The valid token with this secret: nil for a secret no token has, and for a revoked token.
    /// Read from the database every time, so a revocation holds from the next request on.
    public func validToken(secret: String) async throws -> AccessTokenRecord? {
        guard Self.looksLikeSecret(secret) else { return nil }
        guard let record = try await store.token(forSecretHash: Self.hash(secret)), !record.isRevoked else { return nil }
        return record
    }

    /// Whether `text` has the shape of a secret this type makes (so it is worth a database read).
    public static func looksLikeSecret(_ text: String) -> Bool {
        text.hasPrefix(secretPrefix) && text.utf8.count == secretPrefix.utf8.count + secretBytes * 2
    }

    /// SHA-256 of the secret as 64 hex digits: what the store keeps and looks up.
    public static func hash(_ secret: String) -> String { ContentHash.sha256(secret) }

    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let hexDigits = Array("0123456789abcdef".utf8)
        var text = Array(secretPrefix.utf8)
        for _ in 0..<secretBytes {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// A token as the API and the CLI show it: what it grants, never its secret.
public struct AccessTokenView: Sendable, Codable {
    public let id: Int64
    public let scope: String
    public let memory: String?
    public let rights: String?
    public let note: String?
    public let createdAt: String
    public let revokedAt: String?

    public init(_ record: AccessTokenRecord) {
        id = record.id
        scope = record.scope.kind
        (memory, rights) = record.scope.columns
        note = record.note
        createdAt = record.createdAt.formatted(.iso8601)
        revokedAt = record.revokedAt?.formatted(.iso8601)
    }
}
