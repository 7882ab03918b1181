import WardenCore

/// What checking people's records against their versions needs from an engine: the records
/// as plain values in person order, and the people versioned without a record. Typed
/// primitive reads, no rules: ``RecordVerification`` renders and compares.
protocol RecordLedger {
    associatedtype Records: StoreCursor<RecordLine>

    /// Every person's record with the text of their last version (`nil` if they have none),
    /// in person order.
    func records() throws -> Records
    /// The people who have versions but no record and were not erased, each once.
    func versionedPeopleWithoutRecord() throws -> [Int64]
    /// Each erasure carried out: how many people it removed and how many versions it emptied.
    func erasureTallies() throws -> [ErasureTally]
    /// Emptied versions whose erasure did not erase their person: (version, person, erasure).
    func redactionsWithoutTombstone() throws -> [(version: Int64, person: Int64, erasure: Int64)]
}
