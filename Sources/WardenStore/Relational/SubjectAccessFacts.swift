import Foundation
public import WardenCore

/// What a subject access package is made from, read in one transaction: every record, the
/// canvass contacts with answers still sealed (only the Gate opens them), and every log entry
/// naming the people, each reader named by role (``SubjectAccessNaming``).
public struct SubjectAccessFacts: Sendable {
    public var records: [SubjectAccessRecord]
    /// Per record (same order), its canvass contacts still sealed, in the order of `canvassContacts`.
    public var sealed: [[SealedCanvassContact]]
    /// Every log entry naming any of the people, oldest first, each once.
    public var consultations: [Consultation]
}

/// The standing check (``StandingLedger``) on its own, for a Gate read outside the people ledger.
struct SessionStanding: StandingLedger {
    let sql: any SQLSession

    func accessGeneration(session: Int64) throws -> Int64? {
        try SessionRows.accessGeneration(session: session, sql)
    }
}

/// The tables a package reads, and those holding a person's identifier it leaves out, with
/// why. A test walks the schema and fails on a table with a person column that is neither.
public enum SubjectAccessCoverage {
    public static let included: Set<String> = [
        "person", "household", "elector", "register_import", "member", "payment", "membership_history", "contact_point", "canvass_contact", "campaign",
        "person_version", "change_notice", "walk_list_household", "walk_list", "walk_sheet", "account", "access_grant",
        "session", "alert", "sar_case", "sar_subject", "audit_person", "audit_event", "ballot_voter", "ballot_contact", "ballot_credential", "contact_hold",
        "mailing_recipient", "volunteer", "event_rsvp",
    ]

    public static let excluded: [String: String] = [
        "read_charge": "the reads it counts are each in the log, listed under who consulted the record",
        "list_charge": "the listings it counts are each in the log, listed under who consulted the record",
        "person_key": "the key that seals the person's answers: it opens them for the package, and holds nothing about them",
        "erasure_person": "names only people already erased, who have no record left to package",
    ]
}

extension RelationalStore {
    @_spi(Gate) public func subjectAccessFacts(of people: [PersonID], audit: AuditEvent, standing: AccessStanding?) async throws -> SubjectAccessFacts {
        let cache = areaCache
        return try await engine.write { [engine] sql in
            try SessionStanding(sql: sql).checkStanding(standing)
            try engine.numberLog(sql)
            let areas = try cache.areas(sql)
            let campaigns = Dictionary(uniqueKeysWithValues: try sql.rows("SELECT id, name FROM campaign", []).map { (try $0.integer(0), try $0.text(1)) })
            let namesReaders = try sql.row("SELECT value FROM setting WHERE key = ?", SubjectAccessSettings.namesReadersKey)?.text(0) == "true"
            let list = people.map { String($0.rawValue) }.joined(separator: ",")
            let events = try sql.rows("""
                SELECT ae.leaf, ae.entry FROM audit_event ae
                WHERE ae.id IN (SELECT event_id FROM audit_person WHERE person_id IN (\(list))) ORDER BY ae.id
                """, []).compactMap { row -> LoggedEvent? in
                guard let event = AuditEvent(entry: try row.blob(1)) else { return nil }
                return LoggedEvent(index: try row.optionalInteger(0) ?? -1, event: event)
            }
            let accounts = Set(events.compactMap(\.event.accountID?.rawValue)).map(String.init).joined(separator: ",")
            let grants = try sql.rows("""
                SELECT \(GrantRows.columns) FROM access_grant g
                WHERE g.account_id IN (\(accounts.isEmpty ? "NULL" : accounts))
                   OR g.id IN (SELECT grant_id FROM person_version WHERE person_id IN (\(list)))
                """, []).compactMap(GrantRows.grant(from:))
            let roles = Dictionary(uniqueKeysWithValues: grants.map { ($0.id, $0.role) })
            var records: [SubjectAccessRecord] = []
            var sealed: [[SealedCanvassContact]] = []
            for person in people {
                guard var record = try SubjectAccessRows.record(person, areas: areas, namesReaders: namesReaders, roles: roles, sql) else {
                    throw WardenError.notFound("no person record \(person)")
                }
                let contacts = try CanvassContactRows.contacts(of: person, sql)
                record.canvassContacts = contacts.map {
                    .init(at: $0.at, campaign: campaigns[$0.campaignID.rawValue] ?? "campaign \($0.campaignID.rawValue)", outcome: $0.outcome.rawValue,
                          channel: $0.channel.rawValue, doNotContact: $0.doNotContact, answers: nil,
                          by: SubjectAccessNaming.name(actor: $0.actor, role: .canvasser, namesReaders: namesReaders))
                }
                records.append(record)
                sealed.append(contacts)
            }
            var exports: [ExportID: ExportRequest] = [:]
            for id in Set(events.filter { $0.event.action == .read }.compactMap { ExportRequest.exportID(inReadDetail: $0.event.detail) }) {
                exports[id] = try ExportRows.requests(sql, where: "id = ?", id.rawValue).first
            }
            let consultations = events.map {
                var consultation = SubjectAccessNaming.consultation($0.event, entryIndex: $0.index < 0 ? nil : $0.index, grants: grants, namesReaders: namesReaders)
                if $0.event.action == .read, let id = ExportRequest.exportID(inReadDetail: $0.event.detail) { consultation.disclosedTo = exports[id]?.disclosure }
                return consultation
            }
            try AuditRows.insert(audit, sql)
            return SubjectAccessFacts(records: records, sealed: sealed, consultations: consultations)
        }
    }
}

extension SubjectAccessRows {
    /// The name a file was imported under, without the server's directories.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// One person's record with every table that names them, but canvass contacts (read with their keys apart).
    static func record(_ id: PersonID, areas: [AreaID: Area], namesReaders: Bool, roles: [Int64: Role], _ sql: any SQLSession) throws -> SubjectAccessRecord? {
        guard let row = try sql.row("""
            SELECT p.title, p.forenames, p.surname, p.date_of_birth, p.created_at, p.updated_at, h.id, h.lines, h.postcode, h.polling_district_id
            FROM person p LEFT JOIN household h ON h.id = p.household_id WHERE p.id = ?
            """, id.rawValue) else { return nil }
        func district(_ area: Int64?) -> String? { area.flatMap { areas[AreaID($0)] }.map { "\($0.name) (\($0.code))" } }
        var record = SubjectAccessRecord(
            personID: id, title: try row.optionalText(0), forenames: try row.text(1), surname: try row.text(2),
            dateOfBirth: try row.optionalText(3).flatMap(CalendarDate.init(parsing:)), createdAt: try row.timestamp(4), updatedAt: try row.timestamp(5))
        let household = try row.optionalInteger(6)
        if household != nil, let lines = try row.optionalText(7) {
            record.household = .init(address: lines.split(separator: "\n").map(String.init), postcode: try row.optionalText(8) ?? "",
                                     pollingDistrict: district(try row.optionalInteger(9)))
        }
        record.registerEntries = try sql.rows("""
            SELECT e.prefix, e.number, e.suffix, e.polling_district_id, e.markers, e.franchise, e.attainer_date, e.anonymous, e.opted_out,
                   e.current, ri.file_name, ri.imported_at, ended.imported_at
            FROM elector e JOIN register_import ri ON ri.id = e.register_import_id
            LEFT JOIN register_import ended ON ended.id = e.ended_by_import_id
            WHERE e.person_id = ? ORDER BY e.id
            """, id.rawValue).map { row in
            let suffix = try row.integer(2)
            return .init(electorNumber: "\(try row.text(0))-\(try row.integer(1))\(suffix == 0 ? "" : "/\(suffix)")",
                         pollingDistrict: district(try row.integer(3)) ?? "", markers: try row.text(4), franchise: try row.optionalText(5),
                         attainerDate: try row.optionalText(6).flatMap(CalendarDate.init(parsing:)), anonymous: try row.bool(7),
                         optedOut: try row.bool(8), current: try row.bool(9), edition: fileName(try row.text(10)), importedAt: try row.timestamp(11),
                         endedAt: try row.optionalTimestamp(12))
        }
        if let member = try sql.row("""
            SELECT membership_number, status, joined_on, status_since, branch_area_id, dues_pence, dues_frequency, paid_until FROM member WHERE person_id = ?
            """, id.rawValue) {
            let history = try sql.rows("SELECT at, to_status, by_actor, grant_id, reason FROM membership_history WHERE person_id = ? ORDER BY id",
                                       id.rawValue).map { row in
                SubjectAccessRecord.StatusChange(
                    at: try row.timestamp(0), status: try row.text(1),
                    by: SubjectAccessNaming.name(actor: try row.text(2), role: try row.optionalInteger(3).flatMap { roles[$0] }, namesReaders: namesReaders),
                    reason: try row.text(4))
            }
            let payments = try sql.rows("SELECT paid_on, pence, outcome, report FROM payment WHERE person_id = ? ORDER BY paid_on, id",
                                        id.rawValue).compactMap(MemberRows.payment)
            record.membership = .init(
                number: try member.text(0), status: try member.text(1), joinedOn: try member.optionalText(2).flatMap(CalendarDate.init(parsing:)),
                statusSince: try member.optionalText(3).flatMap(CalendarDate.init(parsing:)), branch: district(try member.optionalInteger(4)),
                duesPence: try member.optionalInteger(5), duesFrequency: try member.optionalText(6), history: history,
                paidUntil: try member.optionalText(7).flatMap(CalendarDate.init(parsing:)), payments: payments)
        }
        record.contactPoints = try sql.rows("SELECT kind, value, source, consent, created_at FROM contact_point WHERE person_id = ? ORDER BY id",
                                            id.rawValue).map { row in
            .init(kind: try row.text(0), value: try row.text(1), source: try row.text(2),
                  consent: try row.text(3).split(separator: ",").map(String.init), addedAt: try row.timestamp(4))
        }
        record.versions = try sql.rows("SELECT \(VersionRows.columns) FROM person_version WHERE person_id = ? ORDER BY id", id.rawValue).map { row in
            let version = try VersionRows.version(from: row)
            let values = version.state.values.filter { version.fields.contains($0.key) }
            let by = SubjectAccessNaming.name(actor: version.actor, role: version.grantID.flatMap { roles[$0] }, namesReaders: namesReaders)
            return .init(at: version.at, fields: version.fields, values: values, by: by, reason: version.reason)
        }
        record.notices = try sql.rows("SELECT created_at, field, channel, recipient, status, disputed_at FROM change_notice WHERE person_id = ? ORDER BY id",
                                      id.rawValue).map { row in
            .init(at: try row.timestamp(0), field: try row.text(1), channel: try row.text(2), recipient: try row.text(3), status: try row.text(4),
                  disputedAt: try row.optionalTimestamp(5))
        }
        if let household {
            record.walkLists = try sql.rows("""
                SELECT wl.id, wl.name, c.name, wl.created_at FROM walk_list_household wlh
                JOIN walk_list wl ON wl.id = wlh.walk_list_id JOIN campaign c ON c.id = wl.campaign_id
                WHERE wlh.household_id = ? ORDER BY wl.id
                """, household).map { row in
                let sheets = try sql.rows("SELECT serial, printed_at, status FROM walk_sheet WHERE walk_list_id = ? ORDER BY id", try row.integer(0))
                    .map { SubjectAccessRecord.Sheet(serial: try $0.text(0), printedAt: try $0.timestamp(1), status: try $0.text(2)) }
                return .init(walkList: try row.text(1), campaign: try row.text(2), createdAt: try row.timestamp(3), sheets: sheets)
            }
        }
        let own = Set(try sql.rows("SELECT username FROM account WHERE person_id = ?", id.rawValue).map { try $0.text(0) })
        record.ballots = try sql.rows("""
            SELECT v.ballot_id, b.title, v.reference FROM ballot_voter v JOIN ballot b ON b.id = v.ballot_id WHERE v.person_id = ? ORDER BY v.ballot_id
            """, id.rawValue).map { row in
            let ballot = try row.integer(0)
            let held = try sql.rows("SELECT kind, value FROM ballot_contact WHERE ballot_id = ? AND person_id = ? ORDER BY kind, value", ballot, id.rawValue)
                .map { "\(try $0.text(0)): \(try $0.text(1))" }
            let credentials = try sql.rows("""
                SELECT channel, issued_at, issued_by, voided_at, spent FROM ballot_credential WHERE ballot_id = ? AND person_id = ? ORDER BY id
                """, ballot, id.rawValue).map { row in
                SubjectAccessRecord.BallotPlacement.Credential(
                    channel: try BallotChannel(rawValue: row.text(0))?.words ?? row.text(0), issuedAt: try row.timestamp(1),
                    issuedBy: own.contains(try row.text(2)) ? "you" : namesReaders ? "the returning officer (\(try row.text(2)))" : "the returning officer",
                    voidedAt: try row.optionalTimestamp(3), used: try row.bool(4))
            }
            let changes = try sql.rows("""
                SELECT requested_at, requested_by, edits, state FROM contact_hold WHERE ballot_id = ? AND person_id = ? ORDER BY id
                """, ballot, id.rawValue).map { row in
                let edits = try JSONDecoder().decode([ContactEdit].self, from: Data(try row.text(2).utf8))
                return SubjectAccessRecord.BallotPlacement.HeldChange(
                    requestedAt: try row.timestamp(0),
                    requestedBy: own.contains(try row.text(1)) ? "you" : SubjectAccessNaming.name(actor: try row.text(1), role: nil, namesReaders: namesReaders),
                    change: edits.map { "\($0.kind.rawValue): \($0.value ?? "removed")" }.joined(separator: "; "),
                    state: try HeldContactChange.State(rawValue: row.text(3))?.words ?? row.text(3))
            }
            return .init(ballot: try row.text(1), reference: try row.text(2), contactsHeld: held, credentials: credentials, heldChanges: changes)
        }
        record.mailings = try MailingRows.received(by: id, sql)
        record.volunteer = try VolunteerRows.volunteers(where: "v.person_id = \(id.rawValue)", sql).first
        record.events = try EventRows.attendance(of: id, sql)
        record.accounts = try sql.rows("SELECT id, username, created_at, disabled_at FROM account WHERE person_id = ? ORDER BY id", id.rawValue).map { row in
            let account = try row.integer(0)
            let grants = try sql.rows("SELECT \(GrantRows.columns) FROM access_grant g WHERE g.account_id = ? ORDER BY g.id", account)
                .compactMap(GrantRows.grant(from:)).map { "\($0.role.title), \($0.purpose.words), \($0.startsAt) to \($0.expiresAt)\($0.revokedAt.map { ", revoked \($0)" } ?? "")" }
            let signIns = try sql.rows("SELECT created_at, client, ended_at FROM session WHERE account_id = ? ORDER BY id", account)
                .map { SubjectAccessRecord.SignIn(at: try $0.timestamp(0), client: try $0.text(1), endedAt: try $0.optionalTimestamp(2)) }
            let alerts = try sql.rows("SELECT at, kind, detail FROM alert WHERE account_id = ? ORDER BY id", account)
                .map { "\(try $0.timestamp(0)) \(try $0.text(1)): \(try $0.text(2))" }
            return .init(username: try row.text(1), createdAt: try row.timestamp(2), disabledAt: try row.optionalTimestamp(3), grants: grants,
                         signIns: signIns, alerts: alerts)
        }
        record.subjectAccessCases = try sql.rows("""
            SELECT c.id, c.received_on, c.state FROM sar_case c JOIN sar_subject s ON s.case_id = c.id WHERE s.person_id = ? ORDER BY c.id
            """, id.rawValue).compactMap { row in
            guard let received = CalendarDate(parsing: try row.text(1)) else { return nil }
            return .init(caseID: SubjectAccessCaseID(try row.integer(0)), receivedOn: received, state: try row.text(2))
        }
        return record
    }
}
