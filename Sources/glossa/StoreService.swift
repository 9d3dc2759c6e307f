import GlossaStore
import Logging
import ServiceLifecycle

/// Keeps the store open while the server runs and closes it on shutdown. Listed before the server
/// in the service group, it is shut down after the server has answered its last request, so the
/// checkpoint sees every write.
struct StoreService: Service {
    let store: any Storage
    let logger: Logger

    func run() async throws {
        // Returns on graceful shutdown, throws on cancellation (the server failed or ran out of
        // time): the store is closed either way; closing waits for the reads and writes still running.
        try? await gracefulShutdown()
        do {
            try await store.close()
            logger.info("database checkpointed and closed")
        } catch {
            logger.error("closing the database failed", metadata: ["error": "\(error)"])
            throw error
        }
    }
}
