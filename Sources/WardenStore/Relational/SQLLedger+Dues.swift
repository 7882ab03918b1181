import WardenCore

/// The dues primitives of ``WriteLedger``: payments, how far dues are paid, and the history of
/// membership moves.
extension SQLLedger {
    func addMembershipHistory(_ entry: MembershipHistoryEntry, of person: PersonID, grantID: Int64?) throws {
        try sql.execute("""
            INSERT INTO membership_history (person_id, at, from_status, to_status, event, by_actor, grant_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, person.rawValue, entry.at, entry.from.rawValue, entry.to.rawValue, entry.event.rawValue, entry.by, grantID, entry.reason)
    }

    func memberToPay(numbered number: String) throws -> MemberDues? {
        guard let person = try sql.row("SELECT person_id FROM member WHERE membership_number = ?", number)?.integer(0) else { return nil }
        try hold(person)
        return try sql.row("SELECT person_id, status, paid_until, dues_frequency FROM member WHERE person_id = ?", person).map(Self.memberDues)
    }

    func paymentRecorded(reference: String) throws -> Bool {
        try sql.row("SELECT 1 FROM payment WHERE reference = ?", reference) != nil
    }

    func addPayment(_ payment: Payment, to person: PersonID, report: String, at instant: Timestamp) throws {
        try sql.execute("""
            INSERT INTO payment (person_id, reference, paid_on, pence, outcome, report, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, person.rawValue, payment.reference, payment.paidOn.description, payment.pence, payment.outcome.rawValue, report, instant)
    }

    func setPaidUntil(_ date: CalendarDate, of person: PersonID) throws {
        try sql.execute("UPDATE member SET paid_until = ? WHERE person_id = ?", date.description, person.rawValue)
    }

    func membersToMove(by rules: DuesRules, on today: CalendarDate) throws -> [MemberDues] {
        let intoArrears = today.adding(days: -rules.arrearsAfterDays).description
        let intoLapse = today.adding(days: -rules.lapseAfterDays).description
        let found = try sql.rows("""
            SELECT person_id FROM member WHERE paid_until IS NOT NULL AND (
                (status = 'active' AND paid_until < ?) OR
                (status = 'in_arrears' AND (paid_until < ? OR paid_until >= ?)) OR
                (status = 'lapsed' AND paid_until >= ?))
            ORDER BY person_id
            """, intoArrears, intoLapse, today.description, today.description)
        return try found.compactMap { row in
            let person = try row.integer(0)
            try hold(person)
            return try sql.row("SELECT person_id, status, paid_until, dues_frequency FROM member WHERE person_id = ?", person).map(Self.memberDues)
        }
    }

    func duesRules() throws -> DuesRules {
        try DuesSettings.rules(sql)
    }

    private static func memberDues(_ row: SQLRow) throws -> MemberDues {
        MemberDues(person: PersonID(rawValue: try row.integer(0)), status: MembershipStatus(rawValue: try row.text(1)) ?? .lapsed,
                   paidUntil: try row.optionalText(2).flatMap(CalendarDate.init(parsing:)),
                   frequency: try row.optionalText(3).flatMap(Dues.Frequency.init(rawValue:)) ?? .annual)
    }
}
