import Hummingbird
import Synchronization

/// Requests that hold a core for long (batch lookups, imports, exports) run a few at a time;
/// beyond that the server answers 503 with `Retry-After` at once instead of queueing until
/// everything slows down.
struct HeavyRequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int
    private let running = RunningCount()

    init(limit: Int) {
        self.limit = limit
    }

    static func isHeavy(_ request: Request) -> Bool {
        switch (request.method, request.uri.path) {
        case (.post, "/v1/tm/lookup"), (.post, "/v1/tm/import"), (.post, "/v1/glossary/import"),
            (.get, "/v1/tm/export"), (.get, "/v1/glossary/export"):
            true
        default:
            false
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isHeavy(request) else { return try await next(request, context) }
        let admitted = running.count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else {
            throw Problem.busy("\(limit) batch lookups, imports or exports are running already; retry in a moment")
        }
        defer { running.count.withLock { $0 -= 1 } }
        return try await next(request, context)
    }
}

/// Shared by every copy of the middleware (a struct); a Mutex cannot be copied.
final class RunningCount: Sendable {
    let count = Mutex(0)
}

/// Gives reads a deadline, so a pathological query cannot hold its client forever: past it the
/// request's task is cancelled (its database reads stop, GRDB interrupts SQLite) and the answer is
/// a 503. Imports and exports, which take as long as their files, are exempt.
struct RequestTimeoutMiddleware<Context: RequestContext>: RouterMiddleware {
    let timeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasSuffix("/import") || path.hasSuffix("/export") { return try await next(request, context) }
        return try await withoutActuallyEscaping(next) { next in
            // The router's chain is safe to run from a child task; the closure type does not say so.
            nonisolated(unsafe) let next = next
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await next(request, context) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let response = try await group.next() ?? nil else {
                    throw Problem.timeout("the request took longer than \(timeout) and was abandoned")
                }
                return response
            }
        }
    }
}
