import Foundation
import GlossaServer
import Hummingbird
import HummingbirdTesting
import Metrics
import Prometheus
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

    /// Polls /metrics until `condition` holds: Hummingbird counts a request once its body is written,
    /// which may be a moment after the client has read it.
    func scrape(_ client: some TestClientProtocol, until condition: (String) -> Bool) async throws -> String {
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
            for gauge in ["glossa_tm_units ", #"glossa_tm_segments{language="zh-CN"} "#, "glossa_tm_imports ",
                          "glossa_glossary_concepts ", "glossa_glossary_terms ", "glossa_import_running ", "glossa_import_units_read "] {
                #expect(lines.contains { $0.hasPrefix(gauge) }, "\(gauge) missing")
            }
            let units = lines.first { $0.hasPrefix("glossa_tm_units ") }.flatMap { Double($0.split(separator: " ")[1]) }
            #expect((units ?? 0) >= 91)
        }
    }
}
