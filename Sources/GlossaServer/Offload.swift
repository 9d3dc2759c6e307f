import Dispatch
import Synchronization

/// Runs blocking work (SQLite, file parsing) off the cooperative thread pool, which has only as
/// many threads as cores: a lookup that waits on the disk must not stall every other request.
/// Under a request deadline (`RequestDeadline`), the answer is a 503 once the deadline passes;
/// the work itself runs to its end in the background and its result is dropped.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let timeout = RequestDeadline.timeout
    return try await withCheckedThrowingContinuation { continuation in
        let pending = Mutex<CheckedContinuation<T, any Error>?>(continuation)
        let resume = { @Sendable (result: Result<T, any Error>) in
            pending.withLock { $0.take() }?.resume(with: result)
        }
        DispatchQueue.global().async { resume(Result { try body() }) }
        if let timeout {
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            deadlines.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
                resume(.failure(Problem.timeout("the request took longer than \(timeout) and was abandoned")))
            }
        }
    }
}

/// Deadlines fire on a queue of their own. The global queue runs as many blocks at once as there
/// are cores, so when blocking work holds all of them a deadline queued there would wait for that
/// work to end and never fire first; a serial queue is given a thread of its own.
private let deadlines = DispatchQueue(label: "glossa.request-deadlines")

/// The time a request may take, set for reads by `RequestTimeoutMiddleware`; imports and exports,
/// which take as long as their files, run without one.
enum RequestDeadline {
    @TaskLocal static var timeout: Duration?
}
