import GlossaStore
import Hummingbird

/// Resolves the `Caller` of every request from its `Authorization` header, before any route runs:
/// no header is anonymous; the server's token is the admin; any other bearer is looked up by its
/// hash, on every request (no cache), so a revoked token fails from the next request on. A
/// credential that is wrong, revoked or malformed is 401 on every route, reads included: a
/// client with a broken token learns it at once instead of silently reading as anonymous.
struct CallerMiddleware<Context: CallerRequestContext>: RouterMiddleware {
    let adminToken: String?
    let tokens: AccessTokens
    let metrics: GlossaMetrics

    private static var bearerPrefix: String { "Bearer " }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.caller = try await caller(of: request)
        return try await next(request, context)
    }

    private func caller(of request: Request) async throws -> Caller {
        let serverHasAdmin = adminToken != nil
        guard let header = request.headers[.authorization] else { return Caller(.anonymous, serverHasAdmin: serverHasAdmin) }
        guard header.hasPrefix(Self.bearerPrefix) else {
            throw rejection("the Authorization header must be 'Bearer <token>'")
        }
        let secret = String(header.dropFirst(Self.bearerPrefix.count))
        if let adminToken, Self.constantTimeEqual(Array(secret.utf8), Array(adminToken.utf8)) {
            return Caller(.admin, serverHasAdmin: true)
        }
        guard let record = try await tokens.validToken(secret: secret) else {
            throw rejection("the bearer token is neither the server's token nor a valid access token (unknown or revoked)")
        }
        return Caller(.token(record), serverHasAdmin: serverHasAdmin)
    }

    /// Counted in `glossa_auth_failures_total`; the detail never repeats what was sent.
    private func rejection(_ detail: String) -> Problem {
        metrics.countAuthFailure()
        return Problem.unauthorized(detail)
    }

    /// Compares without returning early, so timing does not reveal how much of a token was right.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        // The lengths are compared whole: truncated to a byte, a token followed by 256 NULs would pass.
        var difference = UInt(bitPattern: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= UInt(x ^ y)
        }
        return difference == 0
    }
}
