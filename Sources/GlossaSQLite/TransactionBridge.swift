import Foundation
import GlossaStore

/// Holds a write transaction open on GRDB's writer while an async import feeds it. GRDB runs a
/// transaction in a synchronous closure; the core's import awaits between batches (the file's
/// next units, another engine's round trips). The closure serves the batches on the writer's own
/// thread, off the few threads that run async tasks.
final class TransactionBridge<Request: Sendable, Reply: Sendable, Final: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: (request: Request, reply: CheckedContinuation<Reply, any Error>)?
    private var end: Result<Final, any Error>?
    private var abandoned = false

    /// Hands a request to the transaction and waits for its reply.
    func send(_ request: Request) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            guard !abandoned, end == nil else {
                continuation.resume(throwing: StoreError.database("the write transaction has ended"))
                return
            }
            pending = (request, continuation)
            condition.broadcast()
        }
    }

    /// No more requests: the transaction commits with `final`, or rolls back on a failure.
    func close(with end: Result<Final, any Error>) {
        condition.lock()
        self.end = end
        condition.broadcast()
        condition.unlock()
    }

    /// The transaction is over (it ended, failed or never began): requests fail from now on.
    func abandon() {
        condition.lock()
        abandoned = true
        let waiting = pending
        pending = nil
        condition.unlock()
        waiting?.reply.resume(throwing: StoreError.database("the write transaction has ended"))
    }

    /// Inside the transaction: answers requests until `close`, then returns the final value (to
    /// commit with) or throws the failure (so that GRDB rolls back).
    func serve(_ handle: (Request) throws -> Reply) throws -> Final {
        while true {
            condition.lock()
            while pending == nil, end == nil { condition.wait() }
            let next = pending
            pending = nil
            let end = self.end
            condition.unlock()
            if let next {
                do {
                    next.reply.resume(returning: try handle(next.request))
                } catch {
                    next.reply.resume(throwing: error)
                    throw error
                }
            } else if let end {
                return try end.get()
            }
        }
    }
}
