import GRDB

/// A GRDB row cursor as a ``StoreCursor``: each row decoded into the value the rules take.
struct SQLiteCursor<Element>: StoreCursor {
    private let rows: RowCursor
    private let decode: (Row) throws -> Element

    init(_ rows: RowCursor, _ decode: @escaping (Row) throws -> Element) {
        self.rows = rows
        self.decode = decode
    }

    func next() throws -> Element? {
        try rows.next().map(decode)
    }
}
