import PostgresNIO
import Synchronization

/// The store's statements, prepared on each pooled connection the first time they run there and
/// executed by name afterwards, so the server parses and plans each once per connection rather
/// than at every request. (Sent unnamed, a read's dozen statements were each planned afresh:
/// about 2 ms of a 6 ms read, see `bench/analysis.md`.)
///
/// postgres-nio keeps the per-connection bookkeeping (which names are prepared, which are in
/// flight) but asks for a statement's name and text as static members of a type, made for
/// statements written out one type each. The store's statements are text the rules build, so
/// the name and text of the statement being run are a task-local value, set around the one
/// call that reads them (``PostgresSession``'s `rows` and `execute`).
enum PreparedStatementName {
    /// The statement being run on this task.
    @TaskLocal static var running: Named?

    /// A statement's text (placeholders numbered) and its name on the server.
    ///
    /// The name covers the text and the kind of every value bound (`i`nteger, `t`ext,
    /// `b`ytes, `n`ull): a statement is prepared with the types of its first values, and a
    /// parameter first bound as null keeps the type the server inferred, which a later integer
    /// or text need not match. Each pattern of kinds is its own prepared statement.
    struct Named: Sendable {
        let name: String
        let sql: String
    }

    /// The name `sql` runs under with `arguments`; `nil` for a statement to send unnamed. Those
    /// are statements with more values than a name can list (batches, each size its own text)
    /// and, once ``mostNames`` texts have been named, any new text: statements with inlined
    /// identifiers (a caller's districts) are many, and every connection keeps what it prepared.
    ///
    /// A digest is kept with the text it was made from: a second text with the same digest
    /// (never seen, but a name is trusted to mean one statement) is sent unnamed.
    static func named(_ sql: String, _ arguments: [SQLValue]) -> Named? {
        guard arguments.count <= mostValues else { return nil }
        let digest = digest(sql)
        guard known.withLock({ known in
            if let text = known[digest] { return text == sql }
            guard known.count < mostNames else { return false }
            known[digest] = sql
            return true
        }) else { return nil }
        var kinds = ""
        for argument in arguments {
            switch argument {
            case .null: kinds += "n"
            case .integer, .boolean: kinds += "i"
            case .text: kinds += "t"
            case .blob: kinds += "b"
            }
        }
        return Named(name: "w\(digest)\(kinds)", sql: sql)
    }

    /// Server names are at most 63 bytes: "w", 16 hex digits, one letter per value.
    static let mostValues = 46

    /// How many statement texts are prepared at most.
    static let mostNames = 2_000

    /// The texts named so far, by digest.
    private static let known = Mutex<[String: String]>([:])

    /// FNV-1a over the text, as 16 hex digits: stable, and distinct enough for the store's
    /// statements (two texts of two thousand sharing a digest: about one chance in 10¹³).
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// One of the store's statements as postgres-nio prepares and runs it.
struct PreparedStoreStatement: PostgresPreparedStatement {
    typealias Row = SQLRow
    static var name: String { PreparedStatementName.running!.name }
    static var sql: String { PreparedStatementName.running!.sql }

    let bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) throws -> SQLRow {
        SQLRow(values: try row.map(PostgresSession.value(of:)))
    }
}
