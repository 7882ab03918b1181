import WardenCore

extension WriteLedger {
    /// Moves one member from `from` to `to` on `event`, in the caller's transaction: the status,
    /// the line in their history, their version and the audit entry. Shared by a secretary's
    /// change (``MembershipChange``) and the party's dues rules (``DuesSweep``), so a move is
    /// recorded the same way whoever makes it.
    func moveMembership(
        _ person: PersonID, from: MembershipStatus, to: MembershipStatus, event: MembershipEvent,
        author: VersionAuthor, grantID: Int64?, audit: AuditEvent
    ) throws {
        try setMembershipStatus(to, since: author.at.date, of: person, at: author.at)
        try addMembershipHistory(
            MembershipHistoryEntry(at: author.at, from: from, to: to, event: event, by: author.actor, reason: author.reason), of: person, grantID: grantID)
        let binding = try version(person, author: author, grantID: grantID)
        try recordWrite(audit, to: person, classes: [.membership], versions: binding, saying: "\(from.rawValue) → \(to.rawValue)")
    }
}
