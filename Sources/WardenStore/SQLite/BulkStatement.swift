public import GRDB
import GRDBSQLite

/// A cached statement bound and run through SQLite's C API, for the inserts an import runs
/// a million times: GRDB's general argument handling (boxing each value, then converting it)
/// costs more there than the insert itself. Values are bound by position. Public for the
/// benchmark harness, which loads tens of millions of synthetic rows the same way.
public struct BulkStatement {
    private let handle: OpaquePointer

    public init(_ statement: Statement) {
        handle = statement.sqliteStatement
    }

    /// SQLite copies the bytes before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    public func bind(_ index: Int32, _ value: String?) {
        guard var text = value else { sqlite3_bind_null(handle, index); return }
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient)
            }
        }
    }

    public func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }

    public func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    public func bind(_ index: Int32, _ value: [UInt8]) {
        value.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
    }

    public func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    /// Runs the statement, then resets it for the next row. Throws GRDB's error with
    /// SQLite's extended code (a unique constraint, say) and no bound values.
    public func execute() throws {
        let code = sqlite3_step(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        guard code == SQLITE_DONE else {
            let connection = sqlite3_db_handle(handle)
            throw DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                message: String(cString: sqlite3_errmsg(connection)))
        }
    }
}
