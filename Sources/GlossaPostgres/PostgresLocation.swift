import Foundation
import GlossaStore

/// Where a PostgreSQL database is, from a URL: `postgres://USER@HOST[:PORT]/DATABASE`, with
/// `?schema=NAME` to keep Glossa's tables in a schema of their own (created when missing) and
/// `?pool=N` for the most connections a server opens. The password comes from `PGPASSWORD` or from
/// the file `GLOSSA_DATABASE_PASSWORD_FILE` names (a password in the URL is taken too, but
/// environments and files keep it out of process lists); it never appears in `description`.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let user: String
    let password: String?
    public let database: String
    public let schema: String?
    public let maximumConnections: Int

    static let defaultPort = 5432
    static let defaultMaximumConnections = 16

    /// Whether a database option names PostgreSQL rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        let redacted = Self.redact(text)
        guard Self.isURL(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw .cannotOpen(path: redacted, reason: "not a PostgreSQL URL: write postgres://USER@HOST[:PORT]/DATABASE")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .cannotOpen(path: redacted, reason: "the URL names no database: write postgres://USER@HOST[:PORT]/DATABASE")
        }
        guard let user = url.user, !user.isEmpty else {
            throw .cannotOpen(path: redacted, reason: "the URL names no user: write postgres://USER@HOST/DATABASE")
        }
        var schema: String?
        var pool = Self.defaultMaximumConnections
        for item in url.queryItems ?? [] {
            switch item.name {
            case "schema":
                guard let value = item.value, value.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
                    throw .cannotOpen(path: redacted, reason: "schema must be lower-case letters, digits and _, starting with a letter")
                }
                schema = value
            case "pool":
                guard let value = item.value.flatMap(Int.init), (1...1000).contains(value) else {
                    throw .cannotOpen(path: redacted, reason: "pool must be a number of connections from 1 to 1000")
                }
                pool = value
            default:
                throw .cannotOpen(path: redacted, reason: "unknown URL parameter '\(item.name)' (known: schema, pool)")
            }
        }
        var password = url.password.flatMap { $0.removingPercentEncoding ?? $0 }
        if password == nil, let value = environment["PGPASSWORD"] { password = value }
        if password == nil, let file = environment["GLOSSA_DATABASE_PASSWORD_FILE"] {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw .cannotOpen(path: redacted, reason: "cannot read the password file \(file)")
            }
            password = contents.trimmingCharacters(in: .newlines)
        }
        self.host = host
        self.port = url.port ?? Self.defaultPort
        self.user = user.removingPercentEncoding ?? user
        self.password = password
        self.database = database
        self.schema = schema
        self.maximumConnections = pool
    }

    public var description: String {
        var text = "postgres://\(user)@\(host):\(port)/\(database)"
        if let schema { text += "?schema=\(schema)" }
        return text
    }

    /// A URL as given, its password (if any) replaced, for messages about a URL that did not parse.
    static func redact(_ text: String) -> String {
        text.replacingOccurrences(of: "://([^/@:]*):[^/@]*@", with: "://$1:***@", options: .regularExpression)
    }
}
