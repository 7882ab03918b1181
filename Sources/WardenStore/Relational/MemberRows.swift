import WardenCore

/// A member's payments and history of moves as rows, for their whole record.
enum MemberRows {
    /// The payments a record shows: three years of monthly collections. A subject access
    /// package reads them all.
    static let shownPayments = 36
    /// The moves a record shows, newest first.
    static let shownMoves = 50

    static func payments(of person: PersonID, _ sql: any SQLSession) throws -> [PaymentEntry] {
        try sql.rows("""
            SELECT paid_on, pence, outcome, report FROM payment WHERE person_id = ? ORDER BY paid_on DESC, id DESC LIMIT \(shownPayments)
            """, person.rawValue).compactMap(payment)
    }

    /// A payment from `paid_on, pence, outcome, report`.
    static func payment(_ row: SQLRow) throws -> PaymentEntry? {
        guard let paidOn = CalendarDate(parsing: try row.text(0)), let outcome = Payment.Outcome(rawValue: try row.text(2)) else { return nil }
        return PaymentEntry(paidOn: paidOn, pence: Int(try row.integer(1)), outcome: outcome, report: try row.text(3))
    }

    static func history(of person: PersonID, _ sql: any SQLSession) throws -> [MembershipHistoryEntry] {
        try sql.rows("""
            SELECT at, from_status, to_status, event, by_actor, reason FROM membership_history WHERE person_id = ? ORDER BY id DESC LIMIT \(shownMoves)
            """, person.rawValue).compactMap { row in
            guard let from = MembershipStatus(rawValue: try row.text(1)), let to = MembershipStatus(rawValue: try row.text(2)),
                  let event = MembershipEvent(rawValue: try row.text(3)) else { return nil }
            return MembershipHistoryEntry(at: try row.timestamp(0), from: from, to: to, event: event, by: try row.text(4), reason: try row.text(5))
        }
    }
}
