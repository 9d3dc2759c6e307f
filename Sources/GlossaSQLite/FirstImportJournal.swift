internal import GRDB

/// A command's first import into a database that no other connection has open writes its pages
/// to the database file under a rollback journal, instead of appending them to the WAL.
///
/// Inside one write transaction the WAL holds every page written so far, and each page the
/// writer's cache misses is looked up in the WAL index, a lookup whose cost grows with the WAL:
/// on a file of millions of units it takes more time than the inserts. Under a rollback journal
/// the page is read from the file. Pages past the file's size when the import began need no
/// journal entry, so the journal stays small; a crash leaves a hot journal that the next open
/// rolls back, as it would discard an uncommitted WAL.
///
/// SQLite leaves WAL mode only when no other connection has the database open, so a database
/// that another process (or this store's reads) uses keeps its WAL imports.
struct FirstImportJournal {
    /// The writer's memory map, restored when the import ends.
    private let mmapSize: Int

    /// Leaves WAL mode when the database holds no segment and no other connection has it open;
    /// nil otherwise (the import then writes through the WAL as usual).
    static func enter(_ pool: DatabasePool) async throws -> FirstImportJournal? {
        guard try await pool.read({ try $0.holdsNoSegment() }) else { return nil }
        // This store's idle readers count as other connections (closing them also empties the
        // writer's cache, which only a first import can spare).
        pool.releaseMemory()
        return try await pool.barrierWriteWithoutTransaction { db in
            let mmapSize = try Int.fetchOne(db, sql: "PRAGMA mmap_size") ?? 0
            // Another connection makes the change fail at once, not after the busy timeout.
            let busyTimeout = try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(busyTimeout)") }
            do {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" else { return nil }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return nil
            }
            // Pages read through the map would count as the process's memory, the whole file by the end.
            try db.execute(sql: "PRAGMA mmap_size = 0")
            return FirstImportJournal(mmapSize: mmapSize)
        }
    }

    /// Back to WAL mode, whether the import committed or not. Should that fail (a full disk), the
    /// database stays in rollback mode until the next open, which sets WAL mode again.
    func leave(_ pool: DatabasePool) async {
        try? await pool.barrierWriteWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA mmap_size = \(mmapSize)")
        }
    }
}
