import WardenCore

/// What making versions needs from an engine, inside its write transaction.
protocol VersionLedger {
    associatedtype Records: StoreCursor<RecordLine>
    /// Holds `person` for the current write until it commits, before their record is read:
    /// a write decides on, and versions from, what the write before it left.
    func hold(_ person: Int64) throws
    /// Marks `people` as touched by the current write.
    func touch(_ people: some Sequence<Int64>) throws
    /// The touched people's records, in person order, each with their last version's text.
    func touchedRecords() throws -> Records
    /// Empties the touched set, however the write ends.
    func forgetTouched()
    /// Stores a version; returns its identifier.
    func insertVersion(person: Int64, author: VersionAuthor, fields: [String], state: PersonState) throws -> Int64
}

/// A person's record as plain values, with the text of their last version (`nil` if none).
typealias RecordLine = (snapshot: PersonSnapshot, lastVersion: String?)

/// Makes the versions a write owes: for each person it touched, the record as it now stands
/// is rendered by the one renderer (``PersonState/init(_:)``) and, when it differs from the
/// person's last version, stored as a new version.
///
/// Writers touch people and then call ``record(_:in:each:)`` in the same transaction; the
/// returned binding goes into the write's audit entry. Comparing with the last version rather
/// than trusting the writer means an import that changed nothing for someone makes no
/// version for them.
enum Versioning {
    /// Versions every touched person whose record changed, empties the touched set, and
    /// returns the binding for the write's audit entry (`nil` when nothing changed). `each`
    /// sees every new version with the state it replaced.
    @discardableResult
    static func record<Ledger: VersionLedger>(
        _ author: VersionAuthor, in ledger: Ledger, each: (PersonVersion, PersonState?) throws -> Void = { _, _ in }
    ) throws -> VersionBinding? {
        defer { ledger.forgetTouched() }
        var builder = VersionBinding.Builder()
        var records = try ledger.touchedRecords()
        while let (snapshot, previousText) = try records.next() {
            let (state, keys) = PersonState.rendered(snapshot)
            guard previousText != state.text else { continue }
            let previous = previousText.map(PersonState.init(text:))
            let fields = previous.map { PersonState.changedKeys(from: $0, to: state) } ?? keys
            let id = try ledger.insertVersion(person: snapshot.personID, author: author, fields: fields, state: state)
            let version = PersonVersion(
                id: id, personID: PersonID(rawValue: snapshot.personID), at: author.at, accountID: author.accountID,
                actor: author.actor, grantID: author.grantID, reason: author.reason, fields: fields, state: state)
            builder.add(id: version.id, hash: version.hash)
            try each(version, previous)
        }
        return builder.finish()
    }
}
