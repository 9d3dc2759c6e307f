import GlossaStore
import Hummingbird
import Logging
import NIOCore

/// Builds the HTTP application: one router, the problem middleware around every route.
public enum GlossaApplication {
    public static func router(memory: TranslationMemory, glossary: Glossary, configuration: ServerConfiguration) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        let authorization = WriteAuthorization(token: configuration.token)
        if let origin = configuration.corsOrigin {
            router.add(middleware: CORSMiddleware(allowOrigin: origin == "*" ? .all : .custom(origin),
                                                  allowHeaders: [.contentType, .authorization],
                                                  allowMethods: [.get, .head, .post, .put, .delete]))
        }
        let knownRoutes = KnownRoutes()
        router.add(middleware: ProblemMiddleware(knownRoutes: knownRoutes))
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: HeavyRequestLimitMiddleware(limit: configuration.maxHeavyRequests))
        router.add(middleware: RequestTimeoutMiddleware(timeout: configuration.requestTimeout))
        SystemRoutes(memory: memory, glossary: glossary).register(on: router)
        TMRoutes(memory: memory, authorization: authorization,
                 configuration: configuration).register(on: router)
        NameRoutes(glossary: glossary).register(on: router)
        GlossaryRoutes(glossary: glossary, authorization: authorization, configuration: configuration).register(on: router)
        knownRoutes.learn(from: router)
        return router
    }

    public static func make(memory: TranslationMemory, glossary: Glossary, configuration: ServerConfiguration,
                            logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(memory: memory, glossary: glossary, configuration: configuration),
            server: .http1(configuration: .init(idleTimeout: TimeAmount.nanoseconds(
                Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Glossa"),
            logger: logger)
    }
}
