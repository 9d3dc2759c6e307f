import GlossaStore
import Hummingbird

/// `GET /metrics`: Prometheus' text exposition format.
struct MetricsRoutes<Context: RequestContext>: Sendable {
    let memory: TranslationMemory
    let glossary: Glossary
    let metrics: GlossaMetrics

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("metrics", use: scrape)
    }

    @Sendable func scrape(_ request: Request, context: Context) async throws -> Response {
        let (memory, glossary, metrics) = (memory, glossary, metrics)
        let text = try await metrics.scrape(memory: memory, glossary: glossary)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }
}
