import WardenCore

/// What to do with a person an erasure names who is not in the database: refuse the whole
/// erasure (a request, a retention run), or pass over them (re-applying the ledger to an
/// older copy, which may predate them).
public enum MissingPeople: Sendable {
    case refuse
    case skip
}

/// Carries out one erasure inside one write transaction, all or nothing: every row that holds
/// the people's data is deleted, their data keys with it (so their sealed answers, here and in
/// every copy, need a key that no longer exists), their versions are emptied but keep their
/// hashes, and what remains is the tombstone and, when asked for, suppression hashes.
///
/// The tables it clears and those it keeps are named in ``ErasureCoverage``; a test walks the
/// schema so a new table that holds people cannot be missed.
struct ErasureExecution {
    let sql: any SQLSession
    let hash: @Sendable (String) -> [UInt8]
    private var removed: [String: Int] = [:]

    init(sql: any SQLSession, hash: @escaping @Sendable (String) -> [UInt8]) {
        self.sql = sql
        self.hash = hash
    }

    /// Inserts an erasure, under its own identifier when it has one (re-applied from the
    /// ledger) or the next free one.
    static func insert(_ erasure: Erasure, _ sql: any SQLSession) throws -> ErasureID {
        let id = erasure.id.rawValue > 0 ? erasure.id.rawValue : (try sql.row("SELECT COALESCE(MAX(id), 0) + 1 FROM erasure")?.integer(0) ?? 1)
        try sql.execute("""
            INSERT INTO erasure (id, kind, reason, suppress, requested_by, requested_at, state, versions_redacted)
            VALUES (?, ?, ?, ?, ?, ?, 'awaiting_approval', 0)
            """, id, erasure.kind.rawValue, erasure.reason, erasure.suppress, erasure.requestedBy, erasure.requestedAt)
        for person in Set(erasure.people) {
            try sql.execute("INSERT INTO erasure_person (erasure_id, person_id) VALUES (?, ?)", id, person.rawValue)
        }
        return ErasureID(id)
    }

    static func isSuppressed(_ hashes: [[UInt8]], _ sql: any SQLSession) throws -> Bool {
        for hash in hashes where try sql.row("SELECT 1 FROM suppression WHERE hash = ?", hash) != nil { return true }
        return false
    }

    /// Erases the people `erasure` names. A request must be waiting for approval; a retention
    /// batch or a ledger entry not yet in this database is inserted first. Those in
    /// `keepingRegister` who are on the current register come back as new records holding
    /// only their current register entries (their ``ErasureOutcome/rebuilt`` identifiers), for
    /// the writer to version.
    mutating func run(_ erasure: Erasure, decidedBy: String, at instant: Timestamp, missing: MissingPeople,
                      keepingRegister: Set<PersonID> = []) throws -> ErasureOutcome {
        var done = erasure
        if let stored = try ErasureRows.erasures(sql, where: "id = ?", erasure.id.rawValue).first {
            guard stored.state == .awaitingApproval else {
                throw StoreError.conflict("erasure \(erasure.id) is \(stored.state == .done ? "already carried out" : "refused")")
            }
            done = stored
        }
        var people: [Int64] = []
        for person in Set(done.people.map(\.rawValue)).sorted() {
            if let earlier = try ErasureRows.tombstone(of: person, sql) {
                if missing == .skip { continue }
                throw StoreError.conflict("person \(person): already erased (erasure \(earlier))")
            }
            guard try sql.row("SELECT 1 FROM person WHERE id = ?", person) != nil else {
                if missing == .skip { continue }
                throw StoreError.notFound("person \(person): no such person")
            }
            if let account = try sql.row("""
                SELECT a.id FROM account a JOIN access_grant g ON g.account_id = a.id
                WHERE a.person_id = ? AND g.role <> 'member' AND g.revoked_at IS NULL AND g.expires_at > ?
                """, person, instant)?.integer(0) {
                throw StoreError.conflict("person \(person): account \(account) holds staff grants in force; an administrator revokes them first")
            }
            people.append(person)
        }
        done.people = people.map(PersonID.init(rawValue:))
        if try sql.row("SELECT 1 FROM erasure WHERE id = ?", done.id.rawValue) == nil {
            done.id = try Self.insert(done, sql)
        } else {
            try sql.execute("DELETE FROM erasure_person WHERE erasure_id = ?", done.id.rawValue)
            for person in people {
                try sql.execute("INSERT INTO erasure_person (erasure_id, person_id) VALUES (?, ?)", done.id.rawValue, person)
            }
        }
        var suppressed = 0
        var redacted = 0
        var rebuilt: [PersonID] = []
        for chunk in stride(from: 0, to: people.count, by: 500).map({ Array(people[$0..<min($0 + 500, people.count)]) }) {
            let list = chunk.map(String.init).joined(separator: ",")
            if done.suppress { suppressed += try suppress(list, erasure: done.id) }
            redacted += try redactVersions(of: list, erasure: done.id)
            for person in chunk where keepingRegister.contains(PersonID(rawValue: person)) {
                if let fresh = try keepRegisterEntries(of: person, at: instant) { rebuilt.append(PersonID(rawValue: fresh)) }
            }
            try clear(list, by: decidedBy, at: instant)
        }
        try sql.execute("""
            UPDATE erasure SET state = 'done', decided_by = ?, decided_at = ?, versions_redacted = ? WHERE id = ?
            """, decidedBy, instant, redacted, done.id.rawValue)
        done.state = .done
        done.decidedBy = decidedBy
        done.decidedAt = instant
        done.versionsRedacted = redacted
        return ErasureOutcome(erasure: done, rowsRemoved: removed, versionsRedacted: redacted, suppressionEntries: suppressed, rebuilt: rebuilt)
    }

    /// A new record for `person` holding what the register itself says of them: their name and
    /// address, and their current register entries, moved over before the old record goes.
    /// `nil` when they are not on the current register.
    private func keepRegisterEntries(of person: Int64, at instant: Timestamp) throws -> Int64? {
        guard try sql.row("SELECT 1 FROM elector WHERE person_id = ? AND current = 1", person) != nil else { return nil }
        let fresh = try sql.insert("""
            INSERT INTO person (title, forenames, surname, name_key, household_id, created_at, updated_at)
            SELECT title, forenames, surname, name_key, household_id, ?, ? FROM person WHERE id = ? RETURNING id
            """, instant, instant, person)
        try sql.execute("UPDATE elector SET person_id = ? WHERE person_id = ? AND current = 1", fresh, person)
        return fresh
    }

    /// Keyed hashes of the people's identifiers, now and in their history, so an import or a
    /// mailing can recognise them without Warden keeping who they were.
    private func suppress(_ list: String, erasure: ErasureID) throws -> Int {
        var identifiers: [String] = []
        let rows = try sql.rows("""
            SELECT p.id, p.name_key, p.date_of_birth, h.address_key FROM person p LEFT JOIN household h ON h.id = p.household_id
            WHERE p.id IN (\(list))
            """, [])
        for row in rows {
            let person = try row.integer(0)
            var contacts = try sql.rows("SELECT kind, value FROM contact_point WHERE person_id = ?", person).map { (kind: try $0.text(0), value: try $0.text(1)) }
            for state in try sql.rows("SELECT state FROM person_version WHERE person_id = ? AND erasure_id IS NULL", person) {
                let values = PersonState(text: try state.text(0)).values
                contacts += (values["email"] ?? []).map { (kind: "email", value: $0) } + (values["phone"] ?? []).map { (kind: "phone", value: $0) }
            }
            identifiers += SuppressionIdentifiers.all(
                nameKey: try row.optionalText(1), addressKeys: try row.optionalText(3).map { [$0] } ?? [],
                dateOfBirth: try row.optionalText(2).flatMap { CalendarDate(parsing: $0) }, contacts: contacts)
        }
        var added = 0
        for identifier in Set(identifiers) {
            added += try sql.execute("INSERT INTO suppression (hash, erasure_id) VALUES (?, ?) ON CONFLICT DO NOTHING", hash(identifier), erasure.rawValue)
        }
        return added
    }

    /// Empties each version's state and reason, keeping the hash the log binds.
    private func redactVersions(of list: String, erasure: ErasureID) throws -> Int {
        let versions = try sql.rows("SELECT \(VersionRows.columns) FROM person_version WHERE person_id IN (\(list)) AND erasure_id IS NULL", [])
            .map(VersionRows.version(from:))
        for version in versions {
            try sql.execute("UPDATE person_version SET state = '', reason = '', erasure_id = ?, erased_hash = ? WHERE id = ?",
                            erasure.rawValue, version.contentHash, version.id)
        }
        return versions.count
    }

    /// Deletes every row that holds the people's data, children first. A member's own account
    /// is closed: its grants revoked, disabled, renamed and unlinked.
    private mutating func clear(_ list: String, by: String, at instant: Timestamp) throws {
        // Mail queued or sent to any address they had: change notices and anything else.
        let addresses = try sql.rows("""
            SELECT value FROM contact_point WHERE person_id IN (\(list)) AND kind = 'email'
            UNION SELECT recipient FROM change_notice WHERE person_id IN (\(list)) AND channel = 'email'
            """, []).map { try $0.text(0).lowercased() }
        for address in Set(addresses) {
            removed["outbox", default: 0] += try sql.execute("DELETE FROM outbox WHERE LOWER(recipient) = ?", address)
        }
        try sql.execute("""
            UPDATE sar_case SET requester = '(erased)' WHERE id IN (SELECT case_id FROM sar_subject WHERE person_id IN (\(list)))
            """, [])
        let accounts = try sql.rows("SELECT id, username FROM account WHERE person_id IN (\(list))", []).map { (try $0.integer(0), try $0.text(1)) }
        for (account, username) in accounts {
            removed["sign_in_failure", default: 0] += try sql.execute("DELETE FROM sign_in_failure WHERE username = ?", username)
            removed["recovery_code", default: 0] += try sql.execute("DELETE FROM recovery_code WHERE account_id = ?", account)
            removed["session", default: 0] += try sql.execute("DELETE FROM session WHERE account_id = ?", account)
            try sql.execute("UPDATE access_grant SET revoked_at = ?, revoked_by = ? WHERE account_id = ? AND revoked_at IS NULL", instant, by, account)
            try sql.execute("""
                UPDATE account SET username = ?, password_hash = '!', totp_secret = NULL, totp_last_step = NULL, person_id = NULL,
                    disabled_at = COALESCE(disabled_at, ?) WHERE id = ?
                """, "erased-\(account)", instant, account)
        }
        // A credential already used stays, with no one's identifier: the ballot's count checks
        // credentials spent against ballots cast, and the ballot is not the person's to take back.
        try sql.execute("UPDATE ballot_credential SET person_id = 0, issued_by = 'erased' WHERE spent = 1 AND person_id IN (\(list))", [])
        // An email a mailing sent keeps its row, unlinked: the one-click link in it still works.
        try sql.execute("UPDATE mailing_recipient SET person_id = NULL WHERE person_id IN (\(list))", [])
        for table in ErasureCoverage.cleared {
            removed[table, default: 0] += try sql.execute("DELETE FROM \(table) WHERE person_id IN (\(list))", [])
        }
        removed["person", default: 0] += try sql.execute("DELETE FROM person WHERE id IN (\(list))", [])
    }
}

extension LedgerEngine {
    /// Carries out `erasure` in one write (``ErasureExecution``), versions the records kept from
    /// the register, and records `audit` with the people erased and those versions.
    func erase(_ erasure: Erasure, decidedBy: String, at instant: Timestamp, missing: MissingPeople, keepingRegister: Set<PersonID>,
               identifierHash: @escaping @Sendable (String) -> [UInt8], audit: AuditEvent, standing: AccessStanding?,
               areas: AreaCache) async throws -> ErasureOutcome {
        try await write(areas: areas) { ledger in
            try ledger.checkStanding(standing)
            var execution = ErasureExecution(sql: ledger.sql, hash: identifierHash)
            let outcome = try execution.run(erasure, decidedBy: decidedBy, at: instant, missing: missing, keepingRegister: keepingRegister)
            try ledger.touch(outcome.rebuilt.map(\.rawValue))
            var event = audit
            event.versions = try Versioning.record(VersionAuthor(
                at: instant, accountID: nil, actor: decidedBy, grantID: nil,
                reason: "kept from the register after erasure \(outcome.erasure.id)"), in: ledger)
            event.people = outcome.erasure.people + outcome.rebuilt
            event.detail = "erasure \(outcome.erasure.id): \(outcome.erasure.people.count) people erased, "
                + "\(outcome.versionsRedacted) versions redacted, \(outcome.suppressionEntries) suppression entries"
                + (outcome.rebuilt.isEmpty ? "" : ", \(outcome.rebuilt.count) kept as electors only")
            try AuditRows.insert(event, ledger.sql)
            return outcome
        }
    }
}

/// Where a person's data lives, for erasure: the tables cleared by person, and those keeping
/// a person's identifier on purpose, with why. A test walks the schema and fails on a table
/// with a person column that is in neither.
public enum ErasureCoverage {
    /// Deleted by `person_id`, in this order (rows that refer to others first).
    public static let cleared = [
        "canvass_contact", "person_key", "elector", "payment", "membership_history", "contact_hold", "ballot_contact", "ballot_voter", "ballot_credential", "volunteer", "event_rsvp", "member", "contact_point", "change_notice", "read_charge", "list_charge", "sar_subject",
    ]

    public static let kept: [String: String] = [
        "person": "deleted by its own identifier, last",
        "person_version": "emptied: the state and reason go, the hash the log binds stays",
        "account": "closed (grants revoked, disabled), renamed and unlinked from the person; kept as the actor of its log entries",
        "audit_person": "the log's index of entries by person identifier; identifiers only, bound to the signed log",
        "erasure_person": "the tombstone: which erasure removed the person",
        "mailing_recipient": "unlinked from the person: it keeps the keyed hash of the address only, so an unsubscribe link already sent still works",
    ]
}
