/// Settings of a running server (flags over environment over these defaults; see the CLI).
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Bearer token that writes must present; nil refuses every write (403).
    public var token: String?
    /// Largest TMX body `POST /v1/tm/import` accepts.
    public var maxImportBytes: Int
    /// Largest JSON body (batch lookups).
    public var maxJSONBytes: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                maxImportBytes: Int = 512 << 20, maxJSONBytes: Int = 2 << 20) {
        self.host = host
        self.port = port
        self.token = token
        self.maxImportBytes = maxImportBytes
        self.maxJSONBytes = maxJSONBytes
    }
}
