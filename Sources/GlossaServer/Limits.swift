import Hummingbird
import NIOCore
import Synchronization

/// Requests that hold a core for long (batch lookups, imports, exports, pre-translations) run a few at a time;
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
        case (.post, "/v1/tm/lookup"), (.post, "/v1/tm/import"), (.post, "/v1/glossary/import"), (.post, "/v1/pretranslate"),
            (.get, "/v1/tm/export"), (.get, "/v1/glossary/export"):
            true
        case (.post, let path) where path.hasPrefix("/v1/memories/") && path.hasSuffix("/import"),
            (.get, let path) where path.hasPrefix("/v1/memories/") && path.hasSuffix("/export"):
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
/// request's task is cancelled (its database reads stop, SQLite is interrupted) and the answer is
/// a 503. Imports and exports, which take as long as their files, are exempt, and so are tmserver
/// lookups, which answer at their own, shorter deadline without a 503 (see `TMServerRoutes`).
struct RequestTimeoutMiddleware<Context: EventLoopRequestContext>: RouterMiddleware {
    let timeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasSuffix("/import") || path.hasSuffix("/export") || TMServerProtocol.keepsItsOwnDeadline(request) {
            return try await next(request, context)
        }
        return try await withoutActuallyEscaping(next) { next in
            // The router's chain is safe to run from another task; the closure type does not say so.
            // It does not escape: the task is awaited before this returns, whatever happens.
            nonisolated(unsafe) let next = next
            guard let response = try await Deadline.run(within: timeout, on: context.eventLoop, { try await next(request, context) }) else {
                throw Problem.timeout("the request took longer than \(timeout) and was abandoned")
            }
            return response
        }
    }
}

/// Work with a deadline: a timer of the connection's event loop, cancelled when the work is done
/// (a sleeping task per request would leave a dispatch timer behind for the whole deadline).
enum Deadline {
    /// `work`'s result, or nil when it is not done within `deadline` (it is cancelled then).
    static func run<Value: Sendable>(
        within deadline: Duration, on eventLoop: any EventLoop, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        // No time at all: not even a fast request may win the race with the timer.
        guard deadline > .zero else { return nil }
        let task = Task { try await work() }
        let expiry = Expiry()
        let timer = eventLoop.scheduleTask(in: TimeAmount(deadline)) {
            expiry.expired.store(true, ordering: .relaxed)
            task.cancel()
        }
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
        timer.cancel()
        if expiry.expired.load(ordering: .relaxed) { return nil }
        return try result.get()
    }
}

/// Whether a request's deadline passed (set by the event loop's timer, read by the request).
final class Expiry: Sendable {
    let expired = Atomic(false)
}

/// A request context that knows the event loop of its connection (for timers).
public protocol EventLoopRequestContext: RequestContext {
    var eventLoop: any EventLoop { get }
}
