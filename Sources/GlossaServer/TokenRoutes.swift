import Foundation
import GlossaModel
import GlossaStore
import Hummingbird

/// `/v1/tokens`: access tokens listed, made and revoked, by the admin only. A new token's secret is
/// in the answer to its `POST` and nowhere else, ever.
struct TokenRoutes<Context: CallerRequestContext>: Sendable {
    let tokens: AccessTokens
    let configuration: ServerConfiguration

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(use: list)
        group.post(use: create)
        group.delete(":id", use: revoke)
    }

    struct ListResponse: ResponseEncodable {
        let tokens: [AccessTokenView]
    }

    struct CreateRequest: Decodable {
        let scope: String?
        let memory: String?
        let rights: String?
        let note: String?

        static var example: String { #"{"memory":"client-acme","rights":"read"} or {"scope":"glossary-write"}"# }
    }

    struct CreateResponse: ResponseEncodable {
        let token: AccessTokenView
        /// The bearer token itself: shown in this answer only.
        let secret: String
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> ListResponse {
        try context.caller.requireAdmin(to: "list access tokens")
        let tokens = tokens
        return ListResponse(tokens: try await tokens.list().map(AccessTokenView.init))
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> EditedResponse<CreateResponse> {
        try context.caller.requireAdmin(to: "create access tokens")
        let body = try await JSONBody.decode(CreateRequest.self, from: request, limit: configuration.maxJSONBytes, example: CreateRequest.example)
        let scope = try Self.scope(of: body)
        let tokens = tokens
        let issued: AccessTokens.Issued
        do {
            issued = try await tokens.create(scope: scope, note: body.note)
        } catch let failure as AccessTokens.Failure {
            throw Problem.badRequest("\(failure)")
        }
        return EditedResponse(status: .created, response: CreateResponse(token: AccessTokenView(issued.record), secret: issued.secret))
    }

    @Sendable func revoke(_ request: Request, context: Context) async throws -> HTTPResponse.Status {
        try context.caller.requireAdmin(to: "revoke access tokens")
        guard let id = try? context.parameters.require("id", as: Int64.self), id > 0 else {
            throw Problem.badRequest("a token id is a positive integer, as GET /v1/tokens lists it")
        }
        let tokens = tokens
        guard try await tokens.revoke(id: id) else { throw Problem.notFound("there is no token \(id)") }
        return .noContent
    }

    /// `{"memory": NAME, "rights": "read" | "read-write"}` or `{"scope": "glossary-write"}`.
    static func scope(of body: CreateRequest) throws -> TokenScope {
        if let memory = body.memory {
            guard body.scope == nil || body.scope == TokenScope.memoryKind else {
                throw Problem.badRequest("'memory' goes with scope 'memory' (or no scope), not '\(body.scope ?? "")'")
            }
            guard let name = try? MemoryName(memory) else {
                throw Problem.badRequest("'memory' must be a memory name: \(MemoryName.rule)")
            }
            let choices = MemoryRights.allCases.map(\.rawValue).joined(separator: " or ")
            guard let raw = body.rights else { throw Problem.badRequest("a memory token needs 'rights': \(choices)") }
            guard let rights = MemoryRights(rawValue: raw) else { throw Problem.badRequest("'rights' must be \(choices), not '\(raw)'") }
            return .memory(name, rights)
        }
        guard body.scope == TokenScope.glossaryWriteKind else {
            throw Problem.badRequest("send 'memory' and 'rights' for a memory token, or 'scope': 'glossary-write'")
        }
        guard body.rights == nil else { throw Problem.badRequest("'rights' is for memory tokens; a glossary-write token has none") }
        return .glossaryWrite
    }
}
