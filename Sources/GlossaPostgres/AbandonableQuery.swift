import Logging
import PostgresNIO
import Synchronization

// postgres-nio waits for a query's answer without watching the task: a query handed to a connection
// the server is closing at that moment may never be answered (its promise is dropped with the write).
// Every query of the engine goes through `run`, which stops waiting when the task is cancelled (by
// `guarded` finding the server gone, or by the request's deadline), so that no request outlives an
// outage. What the driver does afterwards with the abandoned query no longer matters: its connection
// is closed.

extension PostgresConnection {
    /// `query(_:logger:)`, given up when the task is cancelled.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await abandoningOnCancel { try await self.query(query, logger: logger) }
    }
}

extension PostgresClient {
    /// `query(_:logger:)` on a pooled connection, given up when the task is cancelled.
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await abandoningOnCancel { try await self.query(query, logger: logger) }
    }
}

/// The result of `operation`, or `CancellationError` as soon as the calling task is cancelled,
/// whether or not `operation` ever ends. `operation` runs in a task of its own.
func abandoningOnCancel<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let outcome = Outcome<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            outcome.await(continuation)
            Task {
                do { outcome.settle(.success(try await operation())) } catch { outcome.settle(.failure(error)) }
            }
        }
    } onCancel: {
        outcome.settle(.failure(CancellationError()))
    }
}

/// A continuation resumed once, by whichever comes first: the operation's result or the cancellation
/// (which may even come before the continuation exists).
private final class Outcome<T: Sendable>: Sendable {
    private enum State {
        case open
        case waiting(CheckedContinuation<T, any Error>)
        case settled(Result<T, any Error>)
        case done
    }

    private let state = Mutex<State>(.open)

    func await(_ continuation: CheckedContinuation<T, any Error>) {
        let settled: Result<T, any Error>? = state.withLock { state in
            switch state {
            case .open:
                state = .waiting(continuation)
                return nil
            case .settled(let result):
                state = .done
                return result
            case .waiting, .done:
                preconditionFailure("awaited twice")
            }
        }
        if let settled { continuation.resume(with: settled) }
    }

    func settle(_ result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = state.withLock { state in
            switch state {
            case .open:
                state = .settled(result)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .settled, .done:
                return nil
            }
        }
        waiting?.resume(with: result)
    }
}
