internal import GRDB

/// The first import into a database builds its segments' fold index once, by one sort, after
/// the rows are written. Grown row by row, that index gets its keys (folded text) in random
/// order, so each insert lands on a page of its own; the other indexes of an import's rows grow
/// at their end. The drop and the rebuild are in the import's transaction: a failed import gets
/// the index back with everything else, and readers keep theirs meanwhile (WAL snapshots).
struct DeferredIndexes {
    static let names = ["segment_by_fold"]
    /// The `CREATE INDEX` statements as the schema holds them.
    private let definitions: [String]

    /// Drops the indexes when the database holds no segment yet, and returns what rebuilds them;
    /// nil otherwise (rebuilding an index over stored rows would cost more than it saves).
    static func dropForFirstImport(_ db: Database) throws -> DeferredIndexes? {
        guard try db.holdsNoSegment() else { return nil }
        var definitions: [String] = []
        for name in names {
            guard let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name])
            else { continue }
            try db.execute(sql: "DROP INDEX \(name)")
            definitions.append(definition)
        }
        return DeferredIndexes(definitions: definitions)
    }

    func rebuild(_ db: Database) throws {
        for definition in definitions { try db.execute(sql: definition) }
    }
}

extension Database {
    /// No memory holds a segment yet: the next import is the database's first.
    func holdsNoSegment() throws -> Bool {
        try !(Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM segment)") ?? true)
    }
}
