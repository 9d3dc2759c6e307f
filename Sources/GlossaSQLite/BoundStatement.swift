internal import GRDB
internal import GRDBSQLite

/// A cached statement run through SQLite's C API: the import's hot loop binds each value directly
/// instead of building an array of existentials per row. Call `bind` for every parameter, then
/// `execute()`.
struct BoundStatement {
    private let db: Database
    /// Kept so that the handle stays valid.
    private let statement: Statement
    private let handle: OpaquePointer

    /// SQLite copies the bytes it is given before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ value: String?, at index: Int32) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                // An empty buffer may have no address, which SQLite would store as NULL.
                guard let address = chars.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, Self.transient) }
                return sqlite3_bind_text(handle, index, address, Int32(chars.count), Self.transient)
            }
        }
    }

    /// Binds bytes as a blob, as GRDB binds `Data` (no bytes: NULL).
    func bind(bytes: [UInt8], at index: Int32) {
        guard !bytes.isEmpty else {
            sqlite3_bind_null(handle, index)
            return
        }
        bytes.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    /// Runs the statement with the values bound; throws SQLite's error as GRDB would.
    func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }
}
