import WardenCore

/// Takes away the order in which ballots were cast, in one write transaction.
///
/// A cast writes the box's row and marks the credential spent in one transaction, so an
/// engine that keeps rows in the order they were written (PostgreSQL's heap, and its `xmin`
/// system column naming the writing transaction) would let anyone reading the database line
/// the box up with the spent credentials, and so with voters: a `pg_dump` lists both tables in
/// that order. Every minute while a ballot takes votes (the server's housekeeping) the box is
/// written again in tracker order and the spent credentials in identifier order, all by one transaction, leaving
/// nothing that says which came when. On SQLite the box is kept in tracker order already and
/// credentials are changed in place; the rewrite costs little there and leaves the same.
struct BallotBoxMixing {
    let sql: any SQLSession
    let ballot: Int64

    /// Rows a statement writes at once.
    static let batch = 500

    func run() throws {
        try BallotRows.lock(BallotID(ballot), sql)
        let box = try sql.rows("SELECT tracker, sealed FROM ballot_box WHERE ballot_id = ? ORDER BY tracker", ballot)
            .map { [SQLValue.integer(ballot), .text(try $0.text(0)), .blob(try $0.blob(1))] }
        try sql.execute("DELETE FROM ballot_box WHERE ballot_id = ?", ballot)
        try insert(box, into: "ballot_box (ballot_id, tracker, sealed)")
        let columns = "id, ballot_id, person_id, hash, channel, issued_at, issued_by, usable_from, voided_at, spent"
        let spent = try sql.rows("SELECT \(columns) FROM ballot_credential WHERE ballot_id = ? AND spent = 1 ORDER BY id", ballot)
            .map(\.values)
        try sql.execute("DELETE FROM ballot_credential WHERE ballot_id = ? AND spent = 1", ballot)
        try insert(spent, into: "ballot_credential (\(columns))")
        try sql.execute("UPDATE ballot SET unmixed = 0 WHERE id = ?", ballot)
    }

    private func insert(_ rows: [[SQLValue]], into target: String) throws {
        for start in stride(from: 0, to: rows.count, by: Self.batch) {
            let chunk = rows[start..<min(start + Self.batch, rows.count)]
            let placeholders = chunk.map { "(" + $0.map { _ in "?" }.joined(separator: ", ") + ")" }.joined(separator: ", ")
            try sql.execute("INSERT INTO \(target) VALUES \(placeholders)", chunk.flatMap { $0 })
        }
    }
}
