internal import GRDB
internal import GRDBSQLite
import Synchronization

extension DatabasePool {
    /// A short read (one step of a lookup or a name search) on the calling thread, in a read
    /// transaction of its own. GRDB's async read hands each read to a dispatch queue and back, and
    /// those thread switches cost more than the reads they carry. A cancelled task interrupts the
    /// running statement, as GRDB's async read does, and starts no new read.
    func quickRead<T>(_ body: (Database) throws -> T) async throws -> T {
        try Task.checkCancellation()
        let running = RunningConnection()
        return try await withTaskCancellationHandler {
            try readHere { db in
                running.start(db.sqliteConnection)
                defer { running.stop() }
                // A cancellation before `start` found no connection to interrupt.
                try Task.checkCancellation()
                return try body(db)
            }
        } onCancel: {
            running.interrupt()
        }
    }

    /// The synchronous read (the async one is preferred inside async functions).
    private func readHere<T>(_ body: (Database) throws -> T) throws -> T {
        try read(body)
    }
}

/// The connection a quick read runs on, while it runs: cancellation interrupts only that one, and
/// never once the connection went back to the pool for another read.
private final class RunningConnection: Sendable {
    /// The connection's address (a pointer is not Sendable); 0 when no read runs.
    private let address = Mutex<UInt>(0)

    func start(_ connection: SQLiteConnection?) {
        address.withLock { $0 = UInt(bitPattern: connection) }
    }

    func stop() {
        address.withLock { $0 = 0 }
    }

    func interrupt() {
        address.withLock { address in
            if let connection = SQLiteConnection(bitPattern: address) { sqlite3_interrupt(connection) }
        }
    }
}
