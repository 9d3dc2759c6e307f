import Dispatch

/// Runs blocking work (SQLite, file parsing) off the cooperative thread pool, which has only as
/// many threads as cores: a lookup that waits on the disk must not stall every other request.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try body() })
        }
    }
}
