import Foundation
import GlossaStore
import Hummingbird
import NIOCore

/// An error answered as RFC 9457 `application/problem+json`, with a `detail` a person can act on.
/// Each kind of problem is a static member (`Problem.notFound(...)`); its type is published as
/// `/problems/<code>`, the codes being the ones `openapi.yaml` documents.
public struct Problem: HTTPResponseError, Sendable {
    private enum Code: String, Sendable {
        case invalidRequest = "invalid-request"
        case invalidTMX = "invalid-tmx"
        case invalidPO = "invalid-po"
        case invalidTBX = "invalid-tbx"
        case invalidCSV = "invalid-csv"
        case invalidTSV = "invalid-tsv"
        case invalidXLIFF = "invalid-xliff"
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case tooLarge = "too-large"
        case unauthorized
        case forbidden
        case writesDisabled = "writes-disabled"
        case duplicateConcept = "duplicate-concept"
        case memoryNotFound = "memory-not-found"
        case memoryExists = "memory-exists"
        case importNotFound = "import-not-found"
        case memoryKept = "memory-kept"
        case invalidUnit = "invalid-unit"
        case duplicateUnit = "duplicate-unit"
        case busy
        case timeout
        case databaseUnavailable = "database-unavailable"
        case writeConflict = "write-conflict"
        case httpError = "http-error"
        case internalError = "internal-error"
    }

    public let status: HTTPResponse.Status
    public let detail: String
    private let code: Code
    public var headers: HTTPFields = [:]

    /// The problem type's slug, as in `type: /problems/<kind>`.
    public var kind: String { code.rawValue }

    private init(_ status: HTTPResponse.Status, _ code: Code, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers
    }

    /// A parameter or the body is missing or invalid (400).
    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, .invalidRequest, detail) }
    /// An uploaded file of `format` (`TMX`, `TBX`, `CSV`, `TSV`, `XLIFF`) that cannot be read (422).
    static func invalidFile(format: String, _ detail: String) -> Problem {
        Problem(.unprocessableContent, Code(rawValue: "invalid-\(format.lowercased())") ?? .invalidRequest, detail)
    }
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, .notFound, detail) }
    static func methodNotAllowed(_ detail: String, allow: String) -> Problem {
        Problem(.methodNotAllowed, .methodNotAllowed, detail, headers: [.allow: allow])
    }
    static func tooLarge(_ detail: String) -> Problem { Problem(.contentTooLarge, .tooLarge, detail) }
    static func unauthorized(_ detail: String) -> Problem {
        Problem(.unauthorized, .unauthorized, detail, headers: [.wwwAuthenticate: "Bearer realm=\"glossa\""])
    }
    /// The caller is known, and its token does not allow this (403).
    static func forbidden(_ detail: String) -> Problem { Problem(.forbidden, .forbidden, detail) }
    static func writesDisabled(_ detail: String) -> Problem { Problem(.forbidden, .writesDisabled, detail) }
    static func duplicateConcept(_ detail: String) -> Problem { Problem(.conflict, .duplicateConcept, detail) }
    /// No memory of that name, or none the caller may read: the two are answered alike (404).
    static func memoryNotFound(_ detail: String) -> Problem { Problem(.notFound, .memoryNotFound, detail) }
    static func memoryExists(_ detail: String) -> Problem { Problem(.conflict, .memoryExists, detail) }
    static func importNotFound(_ detail: String) -> Problem { Problem(.notFound, .importNotFound, detail) }

    /// What a memory operation's error means over HTTP.
    static func memory(_ error: MemoryError) -> Problem {
        switch error {
        case .invalidName, .invalidPenalty: badRequest(error.description)
        case .notFound: memoryNotFound(error.description)
        case .exists: memoryExists(error.description)
        case .importNotFound: importNotFound(error.description)
        case .kept: Problem(.conflict, .memoryKept, error.description)
        }
    }

    /// A unit a request adds or edits that would break a rule (an empty segment, a language the
    /// unit lacks, one language only) (422).
    static func invalidUnit(_ error: UnitEditError) -> Problem { Problem(.unprocessableContent, .invalidUnit, "nothing was changed: \(error)") }
    /// An edit that would give a unit the content of another unit of its memory (409).
    static func duplicateUnit(_ detail: String) -> Problem { Problem(.conflict, .duplicateUnit, detail) }
    /// Too much work at once; the client may retry after a second (503).
    static func busy(_ detail: String) -> Problem { Problem(.serviceUnavailable, .busy, detail, headers: [.retryAfter: "1"]) }
    static func timeout(_ detail: String) -> Problem { Problem(.serviceUnavailable, .timeout, detail) }
    /// The database cannot be reached; a load balancer may send the request elsewhere, a client
    /// may retry after a few seconds (503).
    static func databaseUnavailable(_ detail: String) -> Problem {
        Problem(.serviceUnavailable, .databaseUnavailable, detail, headers: [.retryAfter: "\(databaseRetrySeconds)"])
    }
    static let databaseRetrySeconds = 5
    /// An import lost a race with another server's and nothing of it was kept; sending it again is safe (409).
    static func writeConflict(_ detail: String) -> Problem { Problem(.conflict, .writeConflict, detail, headers: [.retryAfter: "1"]) }
    /// Another HTTP error of the framework, keeping its status.
    static func httpError(_ status: HTTPResponse.Status, _ detail: String) -> Problem { Problem(status, .httpError, detail) }
    /// Anything unexpected: the detail never reveals SQL, paths or traces (500).
    static func internalError(_ detail: String) -> Problem { Problem(.internalServerError, .internalError, detail) }

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(type: "/problems/\(kind)", title: status.reasonPhrase, status: status.code, detail: detail)
        let data = try JSONEncoder.glossa.encode(body)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
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
        } catch StoreError.unavailable(let reason) {
            context.logger.warning(
                "database unavailable", metadata: ["error": "\(reason)", "path": "\(TMServerProtocol.loggedPath(request.uri.path))"])
            return try Problem.databaseUnavailable("the database cannot be reached; retry in a few seconds")
                .response(from: request, context: context)
        } catch let error as MemoryError {
            return try Problem.memory(error).response(from: request, context: context)
        } catch let error as UnitEditError {
            return try Problem.invalidUnit(error).response(from: request, context: context)
        } catch StoreError.duplicateContent(let other) {
            return try Problem.duplicateUnit("nothing was changed: unit \(other) of the same memory has this content already")
                .response(from: request, context: context)
        } catch StoreError.conflict {
            return try Problem.writeConflict("the write collided with another server's and was rolled back whole; send it again")
                .response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try Problem.tooLarge("the request body is larger than this endpoint accepts").response(from: request, context: context)
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
            let problem = error.status == .notFound ? Problem.notFound(detail) : Problem.httpError(error.status, detail)
            return try problem.response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(TMServerProtocol.loggedPath(request.uri.path))"])
            return try Problem.internalError("the server failed to answer this request; the error is logged")
                .response(from: request, context: context)
        }
    }
}
