import WardenCore

/// Recomputes everything the log vouches for from the store as it is now.
///
/// 1. The tree (``TreeCheck``): every entry is re-hashed in order; the roots at the
///    checkpoint sizes must match the (signature-checked) checkpoints, and every stored
///    interior node, at every level, must match the recomputed one, which localises a
///    change to 16 entries and names a replaced node. A deleted entry is named once: the
///    entries after it keep their places in the tree.
/// 2. Versions (``VersionCheck``): each entry's version binding must match the version rows
///    it claims, and every version must be claimed by exactly one entry.
/// 3. Records (``RecordVerification``): every person's current record must equal their last
///    version.
/// 4. Indexes: each row's query columns and people (``PeopleIndexCheck``) must agree with
///    its entry.
///
/// The log (1, 2, 4: ``LogVerification``) and the records (3) are separate parts, which an
/// engine may run at once. Each part reads its own snapshot, and every comparison lies within
/// one part, so a write committed between the two snapshots cannot make a false finding.
enum Verification {
    /// At most this many findings of one kind are listed; the rest are counted.
    static let findingsPerKind = 20

    /// What one part found, to hand back from its connection.
    struct PartReport: Sendable {
        var report = VerificationReport()
        var counts: [String: Int] = [:]

        /// Counts a finding of `kind`, listing its message while the kind is under the cap.
        mutating func find(_ kind: String, _ message: String) {
            counts[kind, default: 0] += 1
            if counts[kind, default: 0] <= Verification.findingsPerKind { report.findings.append(message) }
        }
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
            report.erasures += part.report.erasures
            counts.merge(part.counts, uniquingKeysWith: +)
        }
        for (kind, count) in counts.sorted(by: { $0.key < $1.key }) where count > findingsPerKind {
            report.findings.append("… and \(count - findingsPerKind) more: \(kind)")
        }
        return report
    }
}

/// Where a check hands each finding: its kind, by which findings are counted and capped, and
/// its message.
typealias ReportFinding = (_ kind: String, _ message: String) -> Void
