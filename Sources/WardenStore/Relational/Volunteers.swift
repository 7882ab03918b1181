import Foundation
public import WardenCore

/// Volunteers and pending sign-ups over whichever engine. A confirmation is one write through
/// the rules' ledger (``VolunteerSignUpConfirmation``), so the new or matched person is
/// versioned and logged as any other write to a record is.
extension RelationalStore {
    @_spi(Gate) public func volunteerSignUps(fromClient client: [UInt8], since: Timestamp) async throws -> Int {
        try await engine.read { sql in
            try sql.count("SELECT COUNT(*) FROM volunteer_signup WHERE client_hash = ? AND created_at > ?", client, since)
        }
    }

    @_spi(Gate) public func addVolunteerSignUp(_ pending: PendingVolunteerSignUp, email: QueuedEmail, audit: AuditEvent) async throws {
        try await engine.write { sql in
            try sql.execute("""
                INSERT INTO volunteer_signup (token_hash, details, client_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, pending.tokenHash, try StoredJSON.text(pending.signUp), pending.clientHash, pending.createdAt, pending.expiresAt)
            // The link is the only proof of the address: the email goes once delivered.
            try sql.execute("INSERT INTO outbox (created_at, recipient, subject, body, wipe_after_send) VALUES (?, ?, ?, ?, 1)",
                            pending.createdAt, email.to, email.subject, email.body)
            try AuditRows.insert(audit, sql)
        }
    }

    @_spi(Gate) public func confirmVolunteerSignUp(tokenHash: [UInt8], areas: [String: AreaID], audit: AuditEvent) async throws -> VolunteerConfirmation? {
        try await engine.confirmVolunteerSignUp(tokenHash: tokenHash, areas: areas, audit: audit, areas: areaCache)
    }

    @_spi(Gate) public func expireVolunteerSignUps(before instant: Timestamp) async throws -> Int {
        try await engine.write { sql in try sql.execute("DELETE FROM volunteer_signup WHERE expires_at <= ?", instant) }
    }

    @_spi(Gate) public func volunteers(in areas: Set<AreaID>, unplaced: Bool, filter: VolunteerFilter, audit: AuditEvent) async throws -> [Volunteer] {
        try await engine.write { sql in
            var conditions = areas.isEmpty ? [] : ["v.area_id IN (\(areas.map { String($0.rawValue) }.sorted().joined(separator: ",")))"]
            if unplaced { conditions.append("v.area_id IS NULL") }
            guard !conditions.isEmpty else { return [] }
            // Skills and statuses are the enums' own raw values, never typed text.
            var condition = "(" + conditions.joined(separator: " OR ") + ")"
            if let skill = filter.skill { condition += " AND (',' || v.skills || ',') LIKE '%,\(skill.rawValue),%'" }
            if let status = filter.status { condition += " AND v.status = '\(status.rawValue)'" }
            let found = try VolunteerRows.volunteers(where: condition, sql)
            var event = audit
            event.people = found.map(\.personID)
            // That someone volunteers, like that they are a member, is their support for the party.
            event.dataClasses = found.isEmpty ? [] : [.identity, .membership]
            event.detail += ": \(found.count) volunteers listed"
            try AuditRows.insert(event, sql)
            return found
        }
    }

    @_spi(Gate) public func canvasserAccountAsks() async throws -> [CanvasserAccountAsk] {
        try await engine.read { sql in
            try sql.rows("""
                SELECT account_username, account_asked_by, account_asked_at, area_id FROM volunteer
                WHERE account_username IS NOT NULL AND area_id IS NOT NULL ORDER BY account_asked_at
                """, []).map {
                CanvasserAccountAsk(username: try $0.text(0), askedBy: try $0.text(1), askedAt: try $0.timestamp(2), areaID: AreaID(rawValue: try $0.integer(3)))
            }
        }
    }

    @_spi(Gate) public func volunteer(askedAs username: String) async throws -> Volunteer? {
        try await engine.read { sql in
            guard let person = try sql.row("SELECT person_id FROM volunteer WHERE account_username = ?", username) else { return nil }
            return try VolunteerRows.volunteers(where: "v.person_id = \(try person.integer(0))", sql).first
        }
    }

    @_spi(Gate) public func isPlaced(_ person: PersonID, within areas: Set<AreaID>) async throws -> Bool {
        let all = Dictionary(uniqueKeysWithValues: try await allAreas().map { ($0.id, $0) })
        return try await engine.read { sql in
            try sql.row("""
                SELECT 1 FROM person p LEFT JOIN member m ON m.person_id = p.id LEFT JOIN household h ON h.id = p.household_id
                LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
                WHERE p.id = ? AND \(PersonRows.placement(in: areas, all: all))
                """, person.rawValue) != nil
        }
    }

    @_spi(Gate) public func addVolunteer(_ volunteer: Volunteer, audit: AuditEvent) async throws {
        try await engine.write { sql in
            guard try sql.row("SELECT 1 FROM volunteer WHERE person_id = ?", volunteer.personID.rawValue) == nil else {
                throw StoreError.conflict("person \(volunteer.personID) is a volunteer already")
            }
            try sql.execute("""
                INSERT INTO volunteer (person_id, area_id, status, skills, availability, source, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, volunteer.personID.rawValue, volunteer.areaID?.rawValue, volunteer.status.rawValue, VolunteerRows.skills(volunteer.skills),
                volunteer.availability, volunteer.source, volunteer.createdAt, volunteer.updatedAt)
            var event = audit
            event.people = [volunteer.personID]
            event.dataClasses = [.membership]
            try AuditRows.insert(event, sql)
        }
    }

    @_spi(Gate) public func volunteer(_ person: PersonID) async throws -> Volunteer? {
        try await engine.read { sql in try VolunteerRows.volunteers(where: "v.person_id = \(person.rawValue)", sql).first }
    }

    @_spi(Gate) public func updateVolunteer(_ volunteer: Volunteer, audit: AuditEvent) async throws {
        try await engine.write { sql in
            let ask = volunteer.accountAsked
            let changed = try sql.execute("""
                UPDATE volunteer SET status = ?, skills = ?, availability = ?, updated_at = ?,
                    account_username = ?, account_asked_by = ?, account_asked_at = ? WHERE person_id = ?
                """, volunteer.status.rawValue, VolunteerRows.skills(volunteer.skills), volunteer.availability, volunteer.updatedAt,
                ask?.username, ask?.askedBy, ask?.askedAt, volunteer.personID.rawValue)
            guard changed == 1 else { throw StoreError.notFound("no volunteer \(volunteer.personID)") }
            var event = audit
            event.people = [volunteer.personID]
            try AuditRows.insert(event, sql)
        }
    }
}

/// Volunteer rows: skills as their sorted raw values, comma-separated.
enum VolunteerRows {
    static func volunteers(where condition: String, _ sql: any SQLSession) throws -> [Volunteer] {
        try sql.rows("""
            SELECT v.person_id, p.forenames, p.surname, v.area_id, v.status, v.skills, v.availability, v.source, v.created_at, v.updated_at,
                   v.account_username, v.account_asked_by, v.account_asked_at
            FROM volunteer v JOIN person p ON p.id = v.person_id WHERE \(condition) ORDER BY p.surname, p.forenames, v.person_id
            """, []).map { row in
            guard let status = VolunteerStatus(rawValue: try row.text(4)) else { throw SQLReadError(column: 4, expected: "a volunteer status") }
            let area = try row.optionalInteger(3).map(AreaID.init(rawValue:))
            var ask: CanvasserAccountAsk?
            if let username = try row.optionalText(10), let area {
                ask = CanvasserAccountAsk(username: username, askedBy: try row.text(11), askedAt: try row.timestamp(12), areaID: area)
            }
            return Volunteer(personID: PersonID(rawValue: try row.integer(0)), name: try row.text(1) + " " + row.text(2),
                             areaID: area, status: status,
                             skills: Set(try row.text(5).split(separator: ",").compactMap { VolunteerSkill(rawValue: String($0)) }),
                             availability: try row.text(6), source: try row.text(7), createdAt: try row.timestamp(8), updatedAt: try row.timestamp(9),
                             accountAsked: ask)
        }
    }

    static func skills(_ skills: Set<VolunteerSkill>) -> String {
        skills.sorted().map(\.rawValue).joined(separator: ",")
    }
}
