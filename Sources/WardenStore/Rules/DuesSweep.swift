import WardenCore

/// The party's dues rules (``DuesRules``) applied on one day to every member whose dues
/// Warden has seen paid, in the caller's write transaction: each move is a
/// ``WriteLedger/moveMembership(_:from:to:event:author:grantID:audit:)`` of its own, named
/// after the rule that made it.
struct DuesSweep<Ledger: WriteLedger> {
    let ledger: Ledger
    let today: CalendarDate
    /// Stamped on each move's version; its reason says which rule moved the member.
    let author: VersionAuthor
    /// Describes each move; the ledger adds the member and the move.
    let audit: AuditEvent

    /// Applies the rules; returns how many members moved, by move (`"active → in_arrears"`).
    func run() throws -> [String: Int] {
        let rules = try ledger.duesRules()
        var moves: [String: Int] = [:]
        for member in try ledger.membersToMove(by: rules, on: today) {
            // A member whose dues ran out past both grace periods goes through arrears to
            // lapsed in one run, each step a move of its own, as if the rules had run daily.
            var status = member.status
            while let event = rules.event(status: status, paidUntil: member.paidUntil, today: today), let next = try? status.applying(event) {
                var author = author
                author.reason = "\(author.reason): \(Self.rule(event, rules))"
                var entry = audit
                entry.detail = "membership \(event.rawValue) (\(author.reason))"
                try ledger.moveMembership(member.person, from: status, to: next, event: event, author: author, grantID: nil, audit: entry)
                moves["\(status.rawValue) → \(next.rawValue)", default: 0] += 1
                status = next
            }
        }
        return moves
    }

    /// The rule behind an event, in words, for the member's history.
    static func rule(_ event: MembershipEvent, _ rules: DuesRules) -> String {
        switch event {
        case .paymentMissed: "dues unpaid \(rules.arrearsAfterDays) days after they ran out"
        case .gracePeriodEnded: "dues unpaid \(rules.lapseAfterDays) days after they ran out"
        default: "dues paid up"
        }
    }
}
