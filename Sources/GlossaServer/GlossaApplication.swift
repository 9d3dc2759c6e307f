import GlossaStore
import Hummingbird
import Logging
import NIOCore

/// Builds the HTTP application: one router; around every route, from the outside in, the request
/// log, CORS (when enabled), Hummingbird's request metrics, the problem middleware (so the log and
/// the metrics see the status that problems turn errors into), the caller (the bearer token
/// resolved, 401 for a bad one), and the limits.
public enum GlossaApplication {
    /// `metrics` also receives Hummingbird's per-route request metrics when its registry is the
    /// swift-metrics backend (see `GlossaMetrics`).
    public static func router(
        memory: TranslationMemory, glossary: Glossary, tokens: AccessTokens, configuration: ServerConfiguration,
        metrics: GlossaMetrics = GlossaMetrics()
    ) -> Router<GlossaRequestContext> {
        let router = Router(context: GlossaRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware())
        if let origin = configuration.corsOrigin {
            router.add(
                middleware: CORSMiddleware(
                    allowOrigin: origin == "*" ? .all : .custom(origin),
                    allowHeaders: [.contentType, .authorization],
                    allowMethods: [.get, .head, .post, .put, .patch, .delete]))
        }
        let knownRoutes = KnownRoutes()
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware(knownRoutes: knownRoutes))
        router.add(middleware: CallerMiddleware(adminToken: configuration.token, tokens: tokens, metrics: metrics))
        router.add(middleware: HeavyRequestLimitMiddleware(limit: configuration.maxHeavyRequests))
        router.add(middleware: RequestTimeoutMiddleware(timeout: configuration.requestTimeout))
        let root = router.group()
        SystemRoutes(memory: memory, glossary: glossary).addRoutes(to: root)
        MetricsRoutes(memory: memory, glossary: glossary, metrics: metrics).addRoutes(to: root)
        PageRoutes().addRoutes(to: root)
        NameRoutes(glossary: glossary).addRoutes(to: root)
        TMRoutes(memory: memory, configuration: configuration, metrics: metrics)
            .addRoutes(to: router.group("v1/tm"))
        MemoryRoutes(memory: memory, configuration: configuration, metrics: metrics).addRoutes(to: router.group("v1"))
        UnitRoutes(memory: memory, configuration: configuration).addRoutes(to: router.group("v1"))
        PretranslationRoutes(memory: memory, configuration: configuration).addRoutes(to: router.group("v1"))
        GlossaryRoutes(glossary: glossary, configuration: configuration)
            .addRoutes(to: router.group("v1/glossary"))
        TokenRoutes(tokens: tokens, configuration: configuration).addRoutes(to: router.group("v1/tokens"))
        for prefix in TMServerProtocol.prefixes {
            TMServerRoutes(memory: memory, configuration: configuration, metrics: metrics, prefix: "/" + prefix)
                .addRoutes(to: router.group(RouterPath(prefix)))
        }
        knownRoutes.learn(from: router, catchAlls: TMServerProtocol.methodsBelowCatchAlls)
        return router
    }

    /// The server as `glossa serve` runs it. `onServerRunning` gets the listening channel (with
    /// port 0, its address tells the port the system chose).
    public static func make(
        memory: TranslationMemory, glossary: Glossary, tokens: AccessTokens, configuration: ServerConfiguration,
        metrics: GlossaMetrics = GlossaMetrics(), logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(memory: memory, glossary: glossary, tokens: tokens, configuration: configuration, metrics: metrics),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [RequestHeadDeadlineHandler(deadline: TimeAmount(configuration.requestHeadTimeout))],
                    idleTimeout: TimeAmount(configuration.idleTimeout))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Glossa"),
            onServerRunning: onServerRunning,
            logger: logger)
    }
}
