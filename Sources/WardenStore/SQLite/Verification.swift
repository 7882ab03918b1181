import Foundation
import GRDB
import TransparencyLog
import WardenCore

/// Recomputes everything the log vouches for from the database as it is now.
///
/// 1. The tree (``TreeCheck``): every entry is re-hashed in order; the roots at the
///    checkpoint sizes must match the (signature-checked) checkpoints, and every stored
///    interior node, at every level, must match the recomputed one, which localises a
///    change to 16 entries and names a replaced node. A deleted entry is named once: the
///    entries after it keep their places in the tree.
/// 2. Versions: each entry's version binding must match the version rows it claims, and
///    every version must be claimed by exactly one entry.
/// 3. Records: every person's current record must equal their last version.
/// 4. Indexes: each row's query columns and people must agree with its entry.
///
/// The log (1, 2, 4) and the records (3) are separate ``Part``s, run on two connections at
/// once. Each part reads its own snapshot, and every comparison lies within one part, so a
/// write committed between the two snapshots cannot make a false finding.
struct Verification {
    enum Part { case log, records }

    let db: Database
    let checkpoints: [TrustedCheckpoint]
    private var report = VerificationReport()
    /// At most this many findings of one kind are listed; the rest are counted.
    static let findingsPerKind = 20
    private var counts: [String: Int] = [:]

    init(db: Database, checkpoints: [TrustedCheckpoint]) {
        self.db = db
        self.checkpoints = checkpoints.sorted { $0.size < $1.size }
    }

    /// What one part found, to hand back from its connection.
    struct PartReport: Sendable {
        var report: VerificationReport
        var counts: [String: Int]
    }

    /// Runs one part; combine the parts with ``report(_:)``.
    mutating func run(_ part: Part) throws -> PartReport {
        switch part {
        case .log: try checkLogAndVersions()
        case .records: try checkRecords()
        }
        return PartReport(report: report, counts: counts)
    }

    /// The parts' findings in part order (no kind is found by two parts), then a count of
    /// those left unlisted.
    static func report(_ parts: [PartReport]) -> VerificationReport {
        var report = VerificationReport()
        var counts: [String: Int] = [:]
        for part in parts {
            report.entries += part.report.entries
            report.versions += part.report.versions
            report.people += part.report.people
            report.checkpointSize = max(report.checkpointSize, part.report.checkpointSize)
            report.findings += part.report.findings
            counts.merge(part.counts, uniquingKeysWith: +)
        }
        for (kind, count) in counts.sorted(by: { $0.key < $1.key }) where count > findingsPerKind {
            report.findings.append("… and \(count - findingsPerKind) more: \(kind)")
        }
        return report
    }

    private mutating func find(_ kind: String, _ message: String) {
        counts[kind, default: 0] += 1
        if counts[kind, default: 0] <= Self.findingsPerKind { report.findings.append(message) }
    }

    private mutating func checkLogAndVersions() throws {
        // Rows without a place in the log come first (NULL sorts first), then the entries in
        // leaf order: the order the tree and every proof use.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, at, actor, account_id, action, purpose, outcome, detail, versions_first, versions_last, entry, leaf
            FROM audit_event ORDER BY leaf
            """)
        var versions = VersionCursor(try Row.fetchCursor(db, sql: "SELECT \(VersionRows.columns) FROM person_version ORDER BY id"))
        var people = PeopleCursor(db, try Row.fetchCursor(db, sql: "SELECT event_id, person_id FROM audit_person ORDER BY event_id, person_id"))
        var tree = TreeCheck(stored: try StoredNodes(db, integratedSize: try LogTree.integratedSize(db)), checkpoints: checkpoints)
        var expected: Int64 = 0
        while let row = try rows.next() {
            let rowID: Int64 = row[0]
            guard let leaf = row[11] as Int64?, leaf >= 0 else {
                find("renumbered entries", "audit log: row \(rowID) has no place in the log (renumbered or inserted outside Warden)")
                continue
            }
            // Entries are numbered from 1 in findings, as people count them.
            let id = leaf + 1
            if leaf > expected {
                find("missing entries", leaf == expected + 1
                    ? "audit log: entry \(expected + 1) is missing (row deleted)"
                    : "audit log: entries \(expected + 1)–\(leaf) are missing (rows deleted)")
                // Later entries keep their leaf indices: they are checked where they belong.
                try tree.appendMissing(upTo: UInt64(leaf)) { kind, message in find(kind, message) }
            }
            expected = leaf + 1
            report.entries += 1
            let bytes = Array(row[10] as Data? ?? Data())
            // 1. The tree.
            try tree.append(leafHash: MerkleTree.leafHash(bytes)) { kind, message in find(kind, message) }
            guard let event = AuditEvent(entry: bytes) else {
                find("unreadable entries", "audit log: entry \(id) is not a well-formed entry")
                continue
            }
            // 4. Indexes.
            if !Self.columns(row, match: event) {
                find("altered columns", "audit log: entry \(id)'s indexed columns disagree with the entry (row altered)")
            }
            if try people.take(eventID: rowID) != Set(event.people.map(\.rawValue)) {
                find("altered people", "audit log: entry \(id)'s people index disagrees with the entry (rows added or deleted)")
            }
            // 2. Versions.
            if let binding = event.versions {
                for message in try versions.check(binding, entryID: id) { find("versions", message) }
            }
        }
        for message in try versions.unclaimed() { find("versions", message) }
        try tree.finish { kind, message in find(kind, message) }
        report.versions = versions.seen
        report.checkpointSize = tree.checkpointSize
    }

    /// The row's index columns, by position in the query above, against its entry.
    private static func columns(_ row: Row, match event: AuditEvent) -> Bool {
        Timestamp(iso8601: row[1] as String) == event.at && (row[2] as String) == event.actor
            && (row[3] as Int64?) == event.accountID?.rawValue && (row[4] as String) == event.action.rawValue
            && (row[5] as String?) == event.purpose?.rawValue && (row[6] as String) == event.outcome.rawValue
            && (row[7] as String) == event.detail && (row[8] as Int64?) == event.versions?.first
            && (row[9] as Int64?) == event.versions?.last
    }

    /// 3. Every person's record against their last version.
    private mutating func checkRecords() throws {
        var records = try SnapshotReader(db, scope: .everyone)
        while let (snapshot, versioned) = try records.next() {
            report.people += 1
            let id = snapshot.personID
            guard let versioned else {
                find("unversioned people", "person \(id): has no version (inserted outside Warden)")
                continue
            }
            let state = PersonState(snapshot)
            if state.text != versioned {
                let fields = PersonState.changedKeys(from: PersonState(text: versioned), to: state).joined(separator: ", ")
                find("altered records", "person \(id): \(fields) differ from the last version (changed outside Warden)")
            }
        }
        for id in try Int64.fetchAll(db, sql: """
            SELECT DISTINCT v.person_id FROM person_version v WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = v.person_id)
            """) {
            find("deleted people", "person \(id): has versions but no record (deleted outside Warden)")
        }
    }
}

/// Walks `person_version` in identifier order beside the entries that bind them.
private struct VersionCursor {
    let rows: RowCursor
    var next: PersonVersion?
    var started = false
    var seen = 0
    var expected: Int64 = 1

    init(_ rows: RowCursor) {
        self.rows = rows
    }

    mutating func peek() throws -> PersonVersion? {
        if !started {
            started = true
            next = try rows.next().map(VersionRows.version(from:))
        }
        return next
    }

    mutating func advance() throws {
        seen += 1
        next = try rows.next().map(VersionRows.version(from:))
    }

    /// Checks the versions `binding` claims; returns findings.
    mutating func check(_ binding: VersionBinding, entryID: Int64) throws -> [String] {
        var findings: [String] = []
        while let version = try peek(), version.id < binding.first {
            findings.append("version \(version.id) of person \(version.personID.rawValue): bound to no audit entry (inserted outside Warden)")
            try advance()
        }
        var builder = VersionBinding.Builder()
        var ids: [Int64] = []
        while let version = try peek(), version.id <= binding.last {
            builder.add(id: version.id, hash: version.hash)
            ids.append(version.id)
            try advance()
        }
        let complete = ids.count == Int(binding.last - binding.first + 1)
        if !complete {
            findings.append("versions \(binding.first)–\(binding.last) (audit entry \(entryID)): \(Int(binding.last - binding.first + 1) - ids.count) missing (deleted outside Warden)")
        } else if builder.finish()?.digest != binding.digest {
            findings.append("versions \(binding.first)–\(binding.last) (audit entry \(entryID)): do not match the digest in the entry (altered outside Warden)")
        }
        return findings
    }

    /// Versions after the last binding: claimed by no entry.
    mutating func unclaimed() throws -> [String] {
        var findings: [String] = []
        while let version = try peek() {
            findings.append("version \(version.id) of person \(version.personID.rawValue): bound to no audit entry (inserted outside Warden)")
            try advance()
        }
        return findings
    }
}

/// Walks `audit_person` in event order beside the entries. Entries come in leaf order, which
/// is row order unless someone renumbered rows; an entry out of row order is looked up.
private struct PeopleCursor {
    let db: Database
    let rows: RowCursor
    var pending: (event: Int64, person: Int64)?
    var started = false
    var last: Int64 = 0

    init(_ db: Database, _ rows: RowCursor) {
        self.db = db
        self.rows = rows
    }

    private mutating func fetch() throws {
        pending = try rows.next().map { ($0[0], $0[1]) }
    }

    /// The people indexed for `eventID` (rows for earlier, unknown events are skipped).
    mutating func take(eventID: Int64) throws -> Set<Int64> {
        guard eventID > last else {
            return Set(try Int64.fetchAll(db, sql: "SELECT person_id FROM audit_person WHERE event_id = ?", arguments: [eventID]))
        }
        last = eventID
        if !started {
            started = true
            try fetch()
        }
        var people = Set<Int64>()
        while let row = pending, row.event <= eventID {
            if row.event == eventID { people.insert(row.person) }
            try fetch()
        }
        return people
    }
}
