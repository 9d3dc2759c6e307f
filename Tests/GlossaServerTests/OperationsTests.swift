import Foundation
import GlossaServer
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Prometheus
import Synchronization
import Testing

/// What operators and people see beside the JSON API.
extension ServerTests {
    /// swift-metrics takes one backend per process, so every test server shares this registry,
    /// bootstrapped the first time a test asks for it. Counters only grow: tests look for lines,
    /// never for exact totals.
    static let metrics: GlossaMetrics = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return GlossaMetrics(registry: registry)
    }()

    static let requestID = HTTPField.Name("X-Request-Id")!

    /// Polls /metrics until `condition` holds: Hummingbird counts a request once its body is written,
    /// which may be a moment after the client has read it.
    func scrape(_ client: LiveClient, until condition: (String) -> Bool) async throws -> String {
        var text = ""
        for _ in 0..<50 {
            text = try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                return String(buffer: response.body)
            }
            if condition(text) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        return text
    }

    @Test func metricsCountRequestsAndReadSizes() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/v1/tm/lookup?q=Putin%20arrived%20in%20Beijing&source=en&target=ru", method: .get) {
                #expect($0.status == .ok)
            }
            let lookupCounted = #"hb_requests{http_route="/v1/tm/lookup",http_request_method="GET",http_response_status_code="200"}"#
            let text = try await scrape(client) { $0.contains(lookupCounted) }
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.contains("# TYPE hb_requests counter"))
            #expect(lines.contains { $0.hasPrefix(lookupCounted + " ") })
            #expect(lines.contains { $0.hasPrefix("http_server_request_duration_bucket{") })
            #expect(lines.contains { $0.hasPrefix("glossa_tm_lookup_duration_seconds_count ") && !$0.hasSuffix(" 0") })
            for gauge in [
                "glossa_tm_units ", #"glossa_tm_segments{language="zh-CN"} "#, "glossa_tm_imports ",
                "glossa_glossary_concepts ", "glossa_glossary_terms ", "glossa_import_running ", "glossa_import_units_read ",
            ] {
                #expect(lines.contains { $0.hasPrefix(gauge) }, "\(gauge) missing")
            }
            let units = lines.first { $0.hasPrefix("glossa_tm_units ") }.flatMap { Double($0.split(separator: " ")[1]) }
            #expect((units ?? 0) >= 91)
        }
    }

    @Test func requestsAreLoggedWithTheirIDAndNeverTheToken() async throws {
        let log = LogLines()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: log) }
        let tmx =
            "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv xml:lang=\"en\"><seg>Logged.</seg></tuv>"
            + "<tuv xml:lang=\"ru\"><seg>Записано.</seg></tuv></tu></body></tmx>"
        try await withServer(logger: logger) { client, _ in
            try await client.execute(
                uri: "/v1/tm/import", method: .post,
                headers: [.authorization: "Bearer \(Self.token)", Self.requestID: "client-id-42"],
                body: ByteBuffer(string: tmx)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[Self.requestID] == "client-id-42")
            }
            try await client.execute(uri: "/health", method: .get, headers: [Self.requestID: "no spaces, please"]) { response in
                let id = try #require(response.headers[Self.requestID])
                #expect(!id.isEmpty && id != "no spaces, please")
            }
        }
        let lines = log.all
        let importLine = try #require(lines.first { $0.contains("hb.request.id=client-id-42") && $0.hasPrefix("request ") })
        #expect(importLine.contains("http.status=201"))
        #expect(importLine.contains("http.route=/v1/tm/import"))
        #expect(importLine.contains("duration_ms="))
        #expect(!lines.isEmpty && lines.allSatisfy { !$0.contains(Self.token) })
    }

    @Test func searchPageIsServedWithItsAssets() async throws {
        try await withServer { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<meta name="viewport""#))
                #expect(html.contains(#"<script src="/static/app.js" defer></script>"#))
            }
            for (file, type) in [("app.js", "text/javascript; charset=utf-8"), ("style.css", "text/css; charset=utf-8")] {
                try await client.execute(uri: "/static/\(file)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == type)
                    #expect(response.body.readableBytes > 1_000)
                }
            }
            for missing in ["/static/index.html", "/static/nothing.js", "/static/../openapi.yaml"] {
                try await client.execute(uri: missing, method: .get) { try self.expectProblem($0, .notFound) }
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                let document = String(buffer: response.body)
                for path in ["/metrics:", "/:", "/static/{file}:"] {
                    #expect(document.contains("\n  \(path)\n"), "\(path) missing from openapi.yaml")
                }
            }
        }
    }
}

/// Log lines kept in memory, each as its message followed by its metadata (`key=value`, sorted).
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.append(([event.message.description] + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " "))
    }
}
