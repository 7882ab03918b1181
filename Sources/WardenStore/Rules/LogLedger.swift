import WardenCore

/// What verifying the log needs from an engine beyond its tree (``LogNodes``): every row of
/// the log with its index columns, the people index, and the versions the entries bind.
/// Typed primitive reads, no rules: ``LogVerification`` checks them. All reads come from one
/// snapshot, so that every comparison is within it.
protocol LogLedger: LogNodes {
    associatedtype Rows: StoreCursor<LoggedEntry>
    associatedtype PeopleIndex: StoreCursor<IndexedPerson>
    associatedtype Versions: StoreCursor<PersonVersion>

    /// Every row of the log: rows without a leaf index first, then the entries in leaf order
    /// (the order the tree and every proof use).
    func loggedEntries() throws -> Rows
    /// The whole people index, by event row, then person.
    func indexedPeople() throws -> PeopleIndex
    /// The people indexed for the event row `event`.
    func indexedPeople(event: Int64) throws -> [Int64]
    /// Every version, in identifier order.
    func versions() throws -> Versions
}

/// One row of the people index: the event row that names a person.
struct IndexedPerson {
    var event: Int64
    var person: Int64
}
