import WardenCore

/// The records' part of ``Verification`` (3): every person's record, rendered by the one
/// renderer (``PersonState/init(_:)``), against their last version.
struct RecordVerification<Ledger: RecordLedger> {
    let ledger: Ledger

    init(_ ledger: Ledger) {
        self.ledger = ledger
    }

    func run() throws -> Verification.PartReport {
        var found = Verification.PartReport()
        var records = try ledger.records()
        while let (snapshot, versioned) = try records.next() {
            found.report.people += 1
            let id = snapshot.personID
            guard let versioned else {
                found.find("unversioned people", "person \(id): has no version (inserted outside Warden)")
                continue
            }
            let state = PersonState(snapshot)
            if state.text != versioned {
                let fields = PersonState.changedKeys(from: PersonState(text: versioned), to: state).joined(separator: ", ")
                found.find("altered records", "person \(id): \(fields) differ from the last version (changed outside Warden)")
            }
        }
        for id in try ledger.versionedPeopleWithoutRecord() {
            found.find("deleted people", "person \(id): has versions but no record (deleted outside Warden)")
        }
        found.report.erasures = try ledger.erasureTallies()
        for (version, person, erasure) in try ledger.redactionsWithoutTombstone() {
            found.find("false erasures", "version \(version) of person \(person): emptied under erasure \(erasure), which did not erase them (altered outside Warden)")
        }
        return found
    }
}
