import WardenCore

/// The engine-neutral rules' primitives as statements both engines run, inside the caller's
/// write transaction: the reads' charges (``ReadLedger``), writes to people (``WriteLedger``)
/// and the audit entries and alerts they record. Versions are stored through the engine's own
/// ``VersionLedger`` (`versions`), which reads touched people's snapshots its own fast way.
/// No rules live here.
final class SQLLedger<Versions: VersionLedger> {
    let sql: any SQLSession
    private let areaCache: AreaCache
    let versions: Versions

    init(_ sql: any SQLSession, areas: AreaCache, versions: Versions) {
        self.sql = sql
        areaCache = areas
        self.versions = versions
    }
}

extension SQLLedger: LogAppender {
    func append(_ event: AuditEvent) throws {
        try AuditRows.insert(event, sql)
    }

    func raise(_ alert: AlertDraft, at instant: Timestamp, dedupeWithin seconds: Int64?) throws {
        try AlertRows.raise(alert, at: instant, dedupeWithin: seconds, sql)
    }
}

extension SQLLedger: StandingLedger {
    func accessGeneration(session: Int64) throws -> Int64? {
        try SessionStanding(sql: sql).accessGeneration(session: session)
    }
}


extension SQLLedger: VersionLedger {
    func hold(_ person: Int64) throws {
        try versions.hold(person)
    }

    func touch(_ people: some Sequence<Int64>) throws {
        try versions.touch(people)
    }

    func touchedRecords() throws -> Versions.Records {
        try versions.touchedRecords()
    }

    func forgetTouched() {
        versions.forgetTouched()
    }

    func insertVersion(person: Int64, author: VersionAuthor, fields: [String], state: PersonState) throws -> Int64 {
        try versions.insertVersion(person: person, author: author, fields: fields, state: state)
    }
}

extension SQLLedger: ReadLedger {
    func peopleCharged(account: AccountID, since: Timestamp, kind: ChargeKind) throws -> Int {
        try ReadChargeRows.people(account: account, since: since, kind: kind, sql)
    }

    func budgetRaise(account: AccountID, at instant: Timestamp) throws -> Int {
        try ReadChargeRows.raised(account: account, at: instant, sql)
    }

    func wasCharged(account: AccountID, person: PersonID, since: Timestamp, kind: ChargeKind) throws -> Bool {
        try sql.row("SELECT 1 FROM \(kind.table) WHERE account_id = ? AND person_id = ? AND at > ? LIMIT 1",
                    account.rawValue, person.rawValue, since) != nil
    }

    func charge(account: AccountID, person: PersonID, at instant: Timestamp, kind: ChargeKind) throws {
        try sql.execute("INSERT INTO \(kind.table) (account_id, person_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        account.rawValue, person.rawValue, instant)
    }

    func charges(account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int {
        try sql.count("SELECT COUNT(*) FROM (SELECT 1 FROM read_charge WHERE account_id = ? AND at > ? LIMIT ?) AS recent",
                    account.rawValue, since, limit)
    }

    func recentlyRead(account: AccountID, since: Timestamp, limit: Int) throws -> [PersonID] {
        try sql.rows("""
            SELECT ap.person_id FROM audit_event ae JOIN audit_person ap ON ap.event_id = ae.id
            WHERE ae.account_id = ? AND ae.action = 'read' AND ae.outcome = 'allowed' AND ae.at > ?
            ORDER BY ae.at DESC LIMIT ?
            """, account.rawValue, since, limit).map { PersonID(rawValue: try $0.integer(0)) }
    }

    func searches(account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int {
        try sql.count("""
            SELECT COUNT(*) FROM (SELECT 1 FROM audit_event WHERE account_id = ? AND action = 'search' AND at > ? LIMIT ?) AS recent
            """, account.rawValue, since, limit)
    }
}

extension SQLLedger: WriteLedger {
    func areas() throws -> [AreaID: Area] {
        try areaCache.areas(sql)
    }

    func recordToWrite(_ person: PersonID, contacts: Bool) throws -> PersonRecord? {
        try hold(person.rawValue)
        return try PersonRows.person(person, areas: try areas(), contacts: contacts, sql)
    }

    func removeContacts(of person: PersonID, kind: ContactPoint.Kind) throws {
        try sql.execute("DELETE FROM contact_point WHERE person_id = ? AND kind = ?", person.rawValue, kind.rawValue)
    }

    func addContact(_ point: ContactPoint, to person: PersonID, at instant: Timestamp) throws {
        try sql.execute("INSERT INTO contact_point (person_id, kind, value, source, consent, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        person.rawValue, point.kind.rawValue, point.value, point.source.rawValue,
                        point.consent.sorted().map(\.rawValue).joined(separator: ","), instant)
    }

    func setMembershipStatus(_ status: MembershipStatus, since: CalendarDate, of person: PersonID, at instant: Timestamp) throws {
        try sql.execute("UPDATE member SET status = ?, status_since = ?, updated_at = ? WHERE person_id = ?",
                        status.rawValue, since.description, instant, person.rawValue)
    }

    func dataKey(of person: PersonID) throws -> WrappedDataKey? {
        try sql.row("SELECT id, kek_version, wrapped FROM person_key WHERE person_id = ?", person.rawValue).map { row in
            WrappedDataKey(id: try row.integer(0), personID: person, kekVersion: try row.int(1), wrapped: try row.blob(2))
        }
    }

    func addDataKey(of person: PersonID, kekVersion: Int, wrapped: [UInt8], at instant: Timestamp) throws -> Int64 {
        try sql.insert("INSERT INTO person_key (person_id, kek_version, wrapped, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                       person.rawValue, kekVersion, wrapped, instant)
    }

    func newestCanvassContact(of person: PersonID, onList list: WalkListID, by account: AccountID, since: Timestamp) throws -> (id: Int64, uid: String)? {
        try sql.row("""
            SELECT id, uid FROM canvass_contact WHERE person_id = ? AND walk_list_id = ? AND account_id = ? AND at >= ? ORDER BY id DESC LIMIT 1
            """, person.rawValue, list.rawValue, account.rawValue, since).map { (try $0.integer(0), try $0.text(1)) }
    }

    func removeCanvassContact(_ id: Int64) throws {
        try sql.execute("DELETE FROM canvass_contact WHERE id = ?", id)
    }

    func addCanvassContact(_ contact: NewCanvassContact) throws -> Int64 {
        try sql.insert("""
            INSERT INTO canvass_contact (uid, person_id, household_id, campaign_id, walk_list_id, polling_district_id, at, account_id,
                                         actor, outcome, channel, do_not_contact, sealed, data_key_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, contact.uid, contact.person.rawValue, contact.household?.rawValue, contact.campaign.rawValue, contact.walkList.rawValue,
            contact.pollingDistrict?.rawValue, contact.author.at, contact.author.accountID?.rawValue, contact.author.actor,
            contact.outcome.rawValue, contact.channel.rawValue, contact.doNotContact, contact.sealed, contact.dataKeyID)
    }

    func addChangeNotice(_ notice: NewChangeNotice) throws {
        try sql.execute("""
            INSERT INTO change_notice (person_id, version_id, field, channel, recipient, token_hash, created_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, notice.person.rawValue, notice.versionID, notice.field.rawValue, notice.channel.rawValue,
            notice.recipient, notice.tokenHash, notice.at, notice.status.rawValue)
    }

    func queueMail(to recipient: String, subject: String, body: String, at instant: Timestamp) throws {
        try AlertRows(sql: sql).queueMail(to: recipient, subject: subject, body: body, at: instant)
    }

    /// The outbox keeps no link to its notice, so the email is found by its recipient, its
    /// subject and the time the notice to that recipient about this person was queued.
    func withdrawQueuedNotices(to recipient: String, about person: PersonID, subjectsEndingWith suffix: String) throws {
        try sql.execute("""
            DELETE FROM outbox WHERE status = 'queued' AND recipient = ?1 AND substr(subject, length(subject) - length(?2) + 1) = ?2
            AND created_at IN (SELECT created_at FROM change_notice WHERE person_id = ?3 AND recipient = ?1 AND channel = 'email')
            """, recipient, suffix, person.rawValue)
    }

    func contactChanges(by account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int {
        try sql.count("""
            SELECT COUNT(*) FROM (SELECT 1 FROM audit_event
            WHERE account_id = ? AND action = 'write' AND outcome = 'allowed' AND at > ? AND data_classes = 'contact' LIMIT ?) AS recent
            """, account.rawValue, since, limit)
    }

    func membersChangedByOthers(in area: AreaID, since: Timestamp, areas all: [AreaID: Area]) throws -> Int {
        try sql.count("""
            SELECT COUNT(DISTINCT p.id) FROM audit_event ae
            JOIN audit_person ap ON ap.event_id = ae.id
            JOIN person p ON p.id = ap.person_id
            JOIN member m ON m.person_id = p.id
            LEFT JOIN household h ON h.id = p.household_id
            LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
            WHERE ae.action = 'write' AND ae.outcome = 'allowed' AND ae.data_classes = 'contact' AND ae.at >= ?
              AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = ae.account_id AND a.person_id = p.id)
              AND \(PersonRows.placement(in: [area], all: all))
            """, since)
    }

    func watchedPeriods(at instant: Timestamp) throws -> [WatchedPeriod] {
        try WatchedPeriodRows.current(at: instant, sql)
    }
}

/// The read budget's measure as a query, for the ledger's write and for reads outside one.
enum ReadChargeRows {
    /// People added to `account`'s read budget by raises in force at `instant`.
    static func raised(account: AccountID, at instant: Timestamp, _ sql: any SQLSession) throws -> Int {
        try sql.count("SELECT CAST(COALESCE(SUM(extra), 0) AS BIGINT) FROM budget_raise WHERE account_id = ? AND until > ?", account.rawValue, instant)
    }

    /// Distinct people charged to `account` after `since`, to the allowance `kind`.
    static func people(account: AccountID, since: Timestamp, kind: ChargeKind = .read, _ sql: any SQLSession) throws -> Int {
        try sql.count("SELECT COUNT(DISTINCT person_id) FROM \(kind.table) WHERE account_id = ? AND at > ?", account.rawValue, since)
    }
}
