/// Settings of a running server (flags over environment over these defaults; see the CLI).
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The admin's bearer token (TM imports, tokens, any write); nil disables what only the admin
    /// may do (403). Compared in constant time, never stored. Stored access tokens work either way.
    public var token: String?
    /// Largest TMX body `POST /v1/tm/import` accepts.
    public var maxImportBytes: Int
    /// Largest JSON body (batch lookups).
    public var maxJSONBytes: Int
    /// Batch lookups, imports and exports running at once; more get 503 with `Retry-After`.
    public var maxHeavyRequests: Int
    /// Longest a read may take before it is answered with 503 (imports and exports are exempt).
    public var requestTimeout: Duration
    /// A connection that sends nothing for this long is closed (slow or vanished clients).
    public var idleTimeout: Duration
    /// A connection must send a whole request head within this long of opening or of its previous
    /// response, however steadily it trickles bytes (a client that is never idle is not cut off by
    /// `idleTimeout`). No shorter than `idleTimeout` by default, so idle keep-alive connections
    /// live as long as they did.
    public var requestHeadTimeout: Duration
    /// Longest a tmserver lookup may take (within `requestTimeout`) before it answers no
    /// suggestion. Weblate gives up on an answer after 5 s and, on a 401, 403, 429, 456 or 503,
    /// stops asking the service for 30 minutes without telling anyone: so a lookup gets a deadline
    /// within Weblate's patience, and one that runs out answers `[]`, not the request timeout's 503.
    public var suggestionDeadline: Duration
    /// `Access-Control-Allow-Origin` for browsers on other origins; nil (the default) sends no CORS headers.
    public var corsOrigin: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
        maxImportBytes: Int = 512 << 20, maxJSONBytes: Int = 2 << 20, maxHeavyRequests: Int = 4,
        requestTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60), requestHeadTimeout: Duration = .seconds(60),
        suggestionDeadline: Duration = .seconds(4), corsOrigin: String? = nil
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.maxImportBytes = maxImportBytes
        self.maxJSONBytes = maxJSONBytes
        self.maxHeavyRequests = maxHeavyRequests
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.suggestionDeadline = suggestionDeadline
        self.corsOrigin = corsOrigin
    }
}
