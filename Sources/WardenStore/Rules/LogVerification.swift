import TransparencyLog
import WardenCore

/// The log's part of ``Verification``: the tree (1), the versions (2) and the indexes (4),
/// in one walk over the log's rows in leaf order.
struct LogVerification<Ledger: LogLedger> {
    let ledger: Ledger
    /// Sorted by size, the order the recomputed tree reaches them.
    let checkpoints: [TrustedCheckpoint]

    init(_ ledger: Ledger, checkpoints: [TrustedCheckpoint]) {
        self.ledger = ledger
        self.checkpoints = checkpoints.sorted { $0.size < $1.size }
    }

    func run() throws -> Verification.PartReport {
        var found = Verification.PartReport()
        var rows = try ledger.loggedEntries()
        var versions = VersionCheck(try ledger.versions())
        var people = try PeopleIndexCheck(ledger)
        var tree = TreeCheck(stored: try StoredNodes(ledger), checkpoints: checkpoints)
        var expected: Int64 = 0
        while let row = try rows.next() {
            guard let leaf = row.leaf, leaf >= 0 else {
                found.find("renumbered entries", "audit log: row \(row.rowID) has no place in the log (renumbered or inserted outside Warden)")
                continue
            }
            // Entries are numbered from 1 in findings, as people count them.
            let id = leaf + 1
            if leaf > expected {
                found.find("missing entries", leaf == expected + 1
                    ? "audit log: entry \(expected + 1) is missing (row deleted)"
                    : "audit log: entries \(expected + 1)–\(leaf) are missing (rows deleted)")
                // Later entries keep their leaf indices: they are checked where they belong.
                try tree.appendMissing(upTo: UInt64(leaf)) { kind, message in found.find(kind, message) }
            }
            expected = leaf + 1
            found.report.entries += 1
            // 1. The tree.
            try tree.append(leafHash: MerkleTree.leafHash(row.bytes)) { kind, message in found.find(kind, message) }
            guard let event = AuditEvent(entry: row.bytes) else {
                found.find("unreadable entries", "audit log: entry \(id) is not a well-formed entry")
                continue
            }
            // 4. Indexes.
            if !row.columns.match(event) {
                found.find("altered columns", "audit log: entry \(id)'s indexed columns disagree with the entry (row altered)")
            }
            if try people.take(event: row.rowID) != Set(event.people.map(\.rawValue)) {
                found.find("altered people", "audit log: entry \(id)'s people index disagrees with the entry (rows added or deleted)")
            }
            // 2. Versions.
            if let binding = event.versions {
                for message in try versions.check(binding, entryID: id) { found.find("versions", message) }
            }
        }
        for message in try versions.unclaimed() { found.find("versions", message) }
        try tree.finish { kind, message in found.find(kind, message) }
        found.report.versions = versions.seen
        found.report.checkpointSize = tree.checkpointSize
        return found
    }
}
