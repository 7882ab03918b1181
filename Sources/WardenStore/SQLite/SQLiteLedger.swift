import Foundation
import GRDB
import WardenCore

/// The engine-neutral rules' primitives as SQLite statements, inside the caller's write
/// transaction: the reads' charges (``ReadLedger``), writes to people (``WriteLedger``) and
/// versions (``VersionLedger``). No rules live here.
final class SQLiteLedger {
    let db: Database
    private let areaCache: AreaCache
    private var versionInsert: BulkStatement?

    init(_ db: Database, areas: AreaCache) {
        self.db = db
        areaCache = areas
    }
}

extension SQLiteLedger: LogAppender {
    func append(_ event: AuditEvent) throws {
        try SQLiteStore.insert(event, db)
    }

    func raise(_ alert: AlertDraft, at instant: Timestamp, dedupeWithin seconds: Int64?) throws {
        try SQLiteStore.raise(alert, at: instant, dedupeWithin: seconds, db)
    }
}

extension SQLiteLedger: StandingLedger {
    func accessGeneration(session: Int64) throws -> Int64? {
        try SessionRows.accessGeneration(session: session, SQLiteSession(db: db))
    }
}

extension SQLiteLedger: VersionLedger {
    /// The touched set is a temporary table, created once per connection: GRDB empties its
    /// statement cache after any statement that could change the schema, so "CREATE … IF NOT
    /// EXISTS" on every write would recompile every statement that follows.
    static func prepareTouched(_ db: Database) throws {
        let exists = try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'touched_person'
            """)) ?? false
        guard !exists else { return }
        try db.execute(sql: "CREATE TEMP TABLE touched_person (person_id INTEGER PRIMARY KEY)")
    }

    func touch(_ people: some Sequence<Int64>) throws {
        try Self.touch(people, db)
    }

    /// Marks `people` as touched, for an import that versions them later in its transaction.
    static func touch(_ people: some Sequence<Int64>, _ db: Database) throws {
        try prepareTouched(db)
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO temp.touched_person (person_id) VALUES (?)")
        for id in people { try statement.execute(arguments: [id]) }
    }

    func touchedRecords() throws -> SnapshotReader {
        try Self.prepareTouched(db)
        return try SnapshotReader(db, scope: .touched)
    }

    func forgetTouched() {
        try? db.cachedStatement(sql: "DELETE FROM temp.touched_person").execute()
    }

    func insertVersion(person: Int64, author: VersionAuthor, fields: [String], state: PersonState) throws -> Int64 {
        let insert = try versionInsert ?? BulkStatement(db.cachedStatement(sql: """
            INSERT INTO person_version (person_id, at, account_id, actor, grant_id, reason, fields, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """))
        versionInsert = insert
        insert.bind(1, person)
        insert.bind(2, author.at.description)
        insert.bind(3, author.accountID?.rawValue)
        insert.bind(4, author.actor)
        insert.bind(5, author.grantID)
        insert.bind(6, author.reason)
        insert.bind(7, fields.joined(separator: ","))
        insert.bind(8, state.text)
        try insert.execute()
        return db.lastInsertedRowID
    }
}

extension SQLiteLedger: ReadLedger {
    func peopleCharged(account: AccountID, since: Timestamp) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(DISTINCT person_id) FROM read_charge WHERE account_id = ? AND at > ?"),
                         arguments: [account.rawValue, since.description]) ?? 0
    }

    func wasCharged(account: AccountID, person: PersonID, since: Timestamp) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM read_charge WHERE account_id = ? AND person_id = ? AND at > ? LIMIT 1"),
                         arguments: [account.rawValue, person.rawValue, since.description]) != nil
    }

    func charge(account: AccountID, person: PersonID, at instant: Timestamp) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO read_charge (account_id, person_id, at) VALUES (?, ?, ?)")
            .execute(arguments: [account.rawValue, person.rawValue, instant.description])
    }

    func charges(account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM read_charge WHERE account_id = ? AND at > ? LIMIT ?)
            """), arguments: [account.rawValue, since.description, limit]) ?? 0
    }

    func recentlyRead(account: AccountID, since: Timestamp, limit: Int) throws -> [PersonID] {
        try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT ap.person_id FROM audit_event ae JOIN audit_person ap ON ap.event_id = ae.id
            WHERE ae.account_id = ? AND ae.action = 'read' AND ae.outcome = 'allowed' AND ae.at > ?
            ORDER BY ae.at DESC LIMIT ?
            """), arguments: [account.rawValue, since.description, limit]).map(PersonID.init(rawValue:))
    }

    func searches(account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM audit_event WHERE account_id = ? AND action = 'search' AND at > ? LIMIT ?)
            """), arguments: [account.rawValue, since.description, limit]) ?? 0
    }
}

extension SQLiteLedger: WriteLedger {
    func areas() throws -> [AreaID: Area] {
        try areaCache.areas(SQLiteSession(db: db))
    }

    func record(_ person: PersonID, contacts: Bool) throws -> PersonRecord? {
        try PersonRows.person(person, areas: try areas(), contacts: contacts, SQLiteSession(db: db))
    }

    func removeContacts(of person: PersonID, kind: ContactPoint.Kind) throws {
        try db.cachedStatement(sql: "DELETE FROM contact_point WHERE person_id = ? AND kind = ?")
            .execute(arguments: [person.rawValue, kind.rawValue])
    }

    func addContact(_ point: ContactPoint, to person: PersonID, at instant: Timestamp) throws {
        try db.cachedStatement(sql: """
            INSERT INTO contact_point (person_id, kind, value, source, consent, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [person.rawValue, point.kind.rawValue, point.value, point.source.rawValue,
                                     point.consent.sorted().map(\.rawValue).joined(separator: ","), instant.description])
    }

    func setMembershipStatus(_ status: MembershipStatus, since: CalendarDate, of person: PersonID, at instant: Timestamp) throws {
        try db.cachedStatement(sql: "UPDATE member SET status = ?, status_since = ?, updated_at = ? WHERE person_id = ?")
            .execute(arguments: [status.rawValue, since.description, instant.description, person.rawValue])
    }

    func dataKey(of person: PersonID) throws -> WrappedDataKey? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT id, kek_version, wrapped FROM person_key WHERE person_id = ?"),
                         arguments: [person.rawValue]).map { row in
            WrappedDataKey(id: row["id"], personID: person, kekVersion: row["kek_version"], wrapped: Array(row["wrapped"] as Data))
        }
    }

    func addDataKey(of person: PersonID, kekVersion: Int, wrapped: [UInt8], at instant: Timestamp) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO person_key (person_id, kek_version, wrapped, created_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [person.rawValue, kekVersion, Data(wrapped), instant.description])
        return db.lastInsertedRowID
    }

    func addCanvassContact(_ contact: NewCanvassContact) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO canvass_contact (uid, person_id, household_id, campaign_id, walk_list_id, polling_district_id, at, account_id,
                                         actor, outcome, channel, do_not_contact, sealed, data_key_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                contact.uid, contact.person.rawValue, contact.household?.rawValue, contact.campaign.rawValue, contact.walkList.rawValue,
                contact.pollingDistrict?.rawValue, contact.author.at.description, contact.author.accountID?.rawValue,
                contact.author.actor, contact.outcome.rawValue, contact.channel.rawValue, contact.doNotContact,
                contact.sealed.map { Data($0) }, contact.dataKeyID,
            ])
        return db.lastInsertedRowID
    }

    func addChangeNotice(_ notice: NewChangeNotice) throws {
        try db.cachedStatement(sql: """
            INSERT INTO change_notice (person_id, version_id, field, channel, recipient, token_hash, created_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [notice.person.rawValue, notice.versionID, notice.field.rawValue, notice.channel.rawValue,
                                     notice.recipient, Data(notice.tokenHash), notice.at.description, notice.status.rawValue])
    }

    func queueMail(to recipient: String, subject: String, body: String, at instant: Timestamp) throws {
        try AlertRows(session: SQLiteSession(db: db)).queueMail(to: recipient, subject: subject, body: body, at: instant)
    }

    /// The outbox keeps no link to its notice, so the email is found by its recipient, its
    /// subject and the time the notice to that recipient about this person was queued.
    func withdrawQueuedNotices(to recipient: String, about person: PersonID, subjectsEndingWith suffix: String) throws {
        try db.execute(sql: """
            DELETE FROM outbox WHERE status = 'queued' AND recipient = ? AND substr(subject, -length(?)) = ?
            AND created_at IN (SELECT created_at FROM change_notice WHERE person_id = ? AND recipient = ? AND channel = 'email')
            """, arguments: [recipient, suffix, suffix, person.rawValue, recipient])
    }

    func contactChanges(by account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM audit_event
            WHERE account_id = ? AND action = 'write' AND outcome = 'allowed' AND at > ? AND data_classes = 'contact' LIMIT ?)
            """), arguments: [account.rawValue, since.description, limit]) ?? 0
    }

    func membersChangedByOthers(in area: AreaID, since: Timestamp, areas all: [AreaID: Area]) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT p.id) FROM audit_event ae
            JOIN audit_person ap ON ap.event_id = ae.id
            JOIN person p ON p.id = ap.person_id
            JOIN member m ON m.person_id = p.id
            LEFT JOIN household h ON h.id = p.household_id
            LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
            WHERE ae.action = 'write' AND ae.outcome = 'allowed' AND ae.data_classes = 'contact' AND ae.at >= ?
              AND NOT EXISTS (SELECT 1 FROM account a WHERE a.id = ae.account_id AND a.person_id = p.id)
              AND \(PersonRows.placement(in: [area], all: all))
            """, arguments: [since.description]) ?? 0
    }

    func watchedPeriods(at instant: Timestamp) throws -> [WatchedPeriod] {
        try WatchedPeriodRows.current(at: instant, SQLiteSession(db: db))
    }
}
