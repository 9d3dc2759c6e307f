import Foundation
import GlossaStore
import Hummingbird

/// Health, languages, statistics and the API's own description.
struct SystemRoutes<Context: CallerRequestContext>: Sendable {
    let memory: TranslationMemory
    let glossary: Glossary

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("health", use: ready)
        group.get("health/ready", use: ready)
        group.get("health/live", use: live)
        group.get("v1/languages", use: languages)
        group.get("v1/stats", use: statistics)
        group.get("openapi.yaml", use: openAPI)
    }

    struct Health: ResponseEncodable {
        let status: String
        let database: String
    }

    /// Ready to serve: the database answers. A load balancer takes a server that answers 503 out
    /// of its pool until it is ready again.
    @Sendable func ready(_ request: Request, context: Context) async throws -> Health {
        do {
            try await memory.store.ping()
        } catch let error as StoreError {
            context.logger.warning("health check: database unavailable", metadata: ["error": "\(error)"])
            throw Problem.databaseUnavailable("the database cannot be reached")
        }
        return Health(status: "ok", database: "ok")
    }

    /// Alive: the process answers, whatever the database does (restarting it would not help).
    @Sendable func live(_ request: Request, context: Context) async throws -> Health {
        Health(status: "ok", database: "not checked")
    }

    struct Languages: ResponseEncodable {
        let languages: [LanguageCount]
    }

    @Sendable func languages(_ request: Request, context: Context) async throws -> Languages {
        let memory = memory
        return Languages(languages: try await memory.store.languages(memories: try await readableMemoryIDs(context.caller, of: memory)))
    }

    struct StatisticsResponse: ResponseEncodable {
        let units: Int
        let segments: Int
        let languages: [LanguageCount]
        let imports: Int
        let databaseBytes: Int
        let concepts: Int
        let terms: Int
    }

    @Sendable func statistics(_ request: Request, context: Context) async throws -> StatisticsResponse {
        let memory = memory
        let glossary = glossary
        let statistics = try await memory.store.statistics(memories: try await readableMemoryIDs(context.caller, of: memory))
        let terms = try await glossary.store.glossaryStatistics()
        // The database path stays out of the answer: clients have no business with the server's files.
        return StatisticsResponse(
            units: statistics.units, segments: statistics.segments, languages: statistics.languages,
            imports: statistics.imports, databaseBytes: statistics.databaseBytes,
            concepts: terms.concepts, terms: terms.terms)
    }

    @Sendable func openAPI(_ request: Request, context: Context) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let data = try? Data(contentsOf: url)
        else { throw Problem.internalError("the OpenAPI document is missing from this build") }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
