import Foundation
import Hummingbird
import NIOCore

/// An error answered as RFC 9457 `application/problem+json`, with a `detail` a person can act on.
public struct Problem: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let detail: String
    /// A short slug, published as `type: /problems/<slug>`.
    public let kind: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ kind: String, _ detail: String) {
        self.status = status
        self.kind = kind
        self.detail = detail
    }

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(type: "/problems/\(kind)", title: status.reasonPhrase, status: status.code, detail: detail)
        let data = try JSONEncoder().encode(body)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, "invalid-request", detail) }
}

/// Turns every error into a problem response: Hummingbird's own (404, 413, decoding) keep their
/// status; anything unexpected is a 500 whose body reveals nothing (no SQL, paths or traces).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let knownRoutes: KnownRoutes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try Problem(.contentTooLarge, "too-large", "the request body is larger than this endpoint accepts")
                .response(from: request, context: context)
        } catch let error as HTTPError {
            if error.status == .notFound, let wrongMethod = knownRoutes.problem(for: request) {
                return try wrongMethod.response(from: request, context: context)
            }
            let detail: String
            switch error.status {
            case .notFound: detail = "no resource at \(request.method) \(request.uri.path); see /openapi.yaml for the API"
            case .contentTooLarge: detail = "the request body is larger than this endpoint accepts"
            default: detail = error.body ?? error.status.reasonPhrase
            }
            return try Problem(error.status, error.status == .notFound ? "not-found" : "http-error", detail)
                .response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return try Problem(.internalServerError, "internal-error", "the server failed to answer this request; the error is logged")
                .response(from: request, context: context)
        }
    }
}
