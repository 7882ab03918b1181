/// Walks the people index in event order beside the entries (part 4 of ``Verification``).
/// Entries come in leaf order, which is row order unless someone renumbered rows; an entry
/// out of row order is looked up.
struct PeopleIndexCheck<Ledger: LogLedger> {
    private let ledger: Ledger
    private var rows: Ledger.PeopleIndex
    private var pending: IndexedPerson?
    private var started = false
    private var last: Int64 = 0

    init(_ ledger: Ledger) throws {
        self.ledger = ledger
        rows = try ledger.indexedPeople()
    }

    /// The people indexed for the event row `event` (rows for earlier, unknown events are skipped).
    mutating func take(event: Int64) throws -> Set<Int64> {
        guard event > last else { return Set(try ledger.indexedPeople(event: event)) }
        last = event
        if !started {
            started = true
            pending = try rows.next()
        }
        var people = Set<Int64>()
        while let row = pending, row.event <= event {
            if row.event == event { people.insert(row.person) }
            pending = try rows.next()
        }
        return people
    }
}
