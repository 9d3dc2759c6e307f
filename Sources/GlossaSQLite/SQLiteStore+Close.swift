internal import GRDB

extension SQLiteStore {
    /// Folds the write-ahead log into the database file, truncating the log to 0 bytes, and closes
    /// every connection, after the reads and writes still running. After a clean shutdown the
    /// database file alone holds every write: it can be copied or backed up as it is. The store
    /// must not be used afterwards.
    public func close() async throws {
        try await mapErrors {
            // A barrier waits for running reads, so the checkpoint can truncate the whole log.
            try await pool.barrierWriteWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try pool.close()
        }
    }
}
