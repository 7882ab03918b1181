import Foundation
import GRDB
import WardenCore
import WardenDemo
import WardenStore

/// A synthetic audit log of the documented entry format, written straight into a fresh store's
/// tables: no real people, but the same rows, bytes and indexes a real log has, so `verify`
/// and the investigation queries do their real work on it.
///
/// The log opens with a register import that creates every person with a first version (as a
/// real first import does). Each later entry is a read of one random person by one of 500
/// accounts, a hundred a second; every tenth is a write that changes that person's email and
/// makes a version bound into the entry.
///
/// Loading is not what is measured, so it takes a bulk loader's shortcuts: no fsync, a large
/// page cache, rows bound through SQLite's C API, and secondary indexes dropped during a load
/// and rebuilt by sorting after it. Commits come every 250,000 entries so the write-ahead log
/// stays small. A log can be grown in steps (verify on the first millions, queries on all).
struct SyntheticLog {
    let people: Int
    let accounts: Int64 = 500
    /// The second of the first entry.
    let start: Int64
    private(set) var entries = 0
    /// Total size of the entries written so far, in bytes.
    private(set) var entryBytes = 0
    private var versions: Int64 = 0
    /// Seeded: the system generator makes a system call per number, costing more than the rows.
    private var generator = SeededGenerator(seed: 2026)

    /// A log that will span about `plannedEntries` entries, ending now.
    init(people: Int, plannedEntries: Int) {
        self.people = people
        start = Timestamp.now.secondsSince1970 - Int64(plannedEntries / 100)
    }

    /// Adds entries until the log holds `total`; the first call also imports everyone.
    mutating func grow(to total: Int, in pool: DatabasePool) throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY")
        }
        let indexes = try pool.write { db in try Self.dropSecondaryIndexes(db) }
        if entries == 0 { try pool.write { db in try importEveryone(db) } }
        while entries < total {
            let last = min(entries + 250_000, total)
            try pool.write { db in
                let rows = try Rows(db)
                while entries < last { try entry(id: Int64(entries + 1), rows) }
            }
        }
        try pool.write { db in
            for create in indexes { try db.execute(sql: create) }
        }
    }

    /// Drops the secondary indexes of the tables a load fills and returns their `CREATE`
    /// statements. Indexes behind UNIQUE constraints (no SQL of their own) stay.
    private static func dropSecondaryIndexes(_ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('audit_event', 'audit_person', 'person_version', 'person')
            """)
        for row in rows { try db.execute(sql: "DROP INDEX \(row["name"] as String)") }
        return rows.map { $0["sql"] }
    }

    /// Entry 1: a register import creating every person, each with a first version.
    private mutating func importEveryone(_ db: Database) throws {
        let rows = try Rows(db)
        let at = Timestamp(secondsSince1970: start)
        var binding = VersionBinding.Builder()
        for id in 1...Int64(people) {
            rows.person.bind(1, id)
            rows.person.bind(2, "Person\(id)")
            rows.person.bind(3, at.description)
            try rows.person.execute()
            let made = try version(of: PersonID(rawValue: id), at: at, account: nil, reason: "register import",
                                   fields: ["forenames", "surname"], state: PersonState(text: "forenames=Bench\nsurname=Person\(id)\n"), rows)
            binding.add(id: made.id, hash: made.hash)
        }
        try insert(AuditEvent(at: at, actorLabel: "operator", accountID: nil, action: .import, purpose: nil, outcome: .allowed,
                              detail: "register bench.csv: \(people) rows, \(people) added, 0 changed, 0 removed",
                              dataClasses: [.identity, .contact], people: [], versions: binding.finish()), id: 1, rows)
    }

    /// Entry `id`: a read of a random person, or every tenth entry a change of their email.
    private mutating func entry(id: Int64, _ rows: Rows) throws {
        let account = Int64.random(in: 1...accounts, using: &generator)
        let personID = PersonID(rawValue: Int64.random(in: 1...Int64(people), using: &generator))
        let at = Timestamp(secondsSince1970: start + (id - 1) / 100)
        var binding: VersionBinding?
        if id % 10 == 0 {
            let address = "p\(personID.rawValue)-\(id)@example.org"
            rows.clearEmail.bind(1, personID.rawValue)
            try rows.clearEmail.execute()
            rows.email.bind(1, personID.rawValue)
            rows.email.bind(2, address)
            rows.email.bind(3, at.description)
            try rows.email.execute()
            let state = PersonState(text: "forenames=Bench\nsurname=Person\(personID.rawValue)\nemail=\(address)\t\n")
            let made = try version(of: personID, at: at, account: account, reason: "bench", fields: ["email"], state: state, rows)
            var builder = VersionBinding.Builder()
            builder.add(id: made.id, hash: made.hash)
            binding = builder.finish()
        }
        try insert(AuditEvent(at: at, actorLabel: "account\(account)", accountID: AccountID(rawValue: account),
                              action: binding == nil ? .read : .write, purpose: .campaignPlanning, outcome: .allowed,
                              detail: "person", dataClasses: [.contact], people: [personID], versions: binding), id: id, rows)
        rows.named.bind(1, id)
        rows.named.bind(2, personID.rawValue)
        try rows.named.execute()
    }

    /// Inserts the next version of `person`.
    private mutating func version(of person: PersonID, at: Timestamp, account: Int64?, reason: String, fields: [String],
                                  state: PersonState, _ rows: Rows) throws -> PersonVersion {
        versions += 1
        let made = PersonVersion(id: versions, personID: person, at: at, accountID: account.map(AccountID.init(rawValue:)),
                                 actor: account.map { "account\($0)" } ?? "operator", grantID: nil, reason: reason,
                                 fields: fields, state: state)
        rows.version.bind(1, versions)
        rows.version.bind(2, person.rawValue)
        rows.version.bind(3, at.description)
        rows.version.bind(4, account)
        rows.version.bind(5, made.actor)
        rows.version.bind(6, reason)
        rows.version.bind(7, fields.joined(separator: ","))
        rows.version.bind(8, state.text)
        try rows.version.execute()
        return made
    }

    private mutating func insert(_ audit: AuditEvent, id: Int64, _ rows: Rows) throws {
        let bytes = audit.entry
        entryBytes += bytes.count
        entries = Int(id)
        let event = rows.event
        event.bind(1, id)
        event.bind(2, audit.at.description)
        event.bind(3, audit.actor)
        event.bind(4, audit.accountID?.rawValue)
        event.bind(5, audit.action.rawValue)
        event.bind(6, audit.purpose?.rawValue)
        event.bind(7, audit.detail)
        event.bind(8, audit.dataClasses.map(\.rawValue).sorted().joined(separator: ","))
        event.bind(9, audit.people.count)
        event.bind(10, bytes)
        event.bind(11, audit.versions?.first)
        event.bind(12, audit.versions?.last)
        event.bind(13, id - 1)
        try event.execute()
    }

    /// The load's statements, prepared once per transaction on the writer connection.
    private struct Rows {
        let event: BulkStatement
        let named: BulkStatement
        let version: BulkStatement
        let person: BulkStatement
        let clearEmail: BulkStatement
        let email: BulkStatement

        init(_ db: Database) throws {
            func prepare(_ sql: String) throws -> BulkStatement { BulkStatement(try db.cachedStatement(sql: sql)) }
            event = try prepare("""
                INSERT INTO audit_event (id, at, actor, account_id, action, purpose, outcome, detail, data_classes, people_count, entry, versions_first, versions_last, leaf)
                VALUES (?, ?, ?, ?, ?, ?, 'allowed', ?, ?, ?, ?, ?, ?, ?)
                """)
            named = try prepare("INSERT INTO audit_person (event_id, person_id) VALUES (?, ?)")
            version = try prepare("""
                INSERT INTO person_version (id, person_id, at, account_id, actor, grant_id, reason, fields, state) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)
                """)
            person = try prepare("INSERT INTO person (id, forenames, surname, created_at, updated_at) VALUES (?1, 'Bench', ?2, ?3, ?3)")
            clearEmail = try prepare("DELETE FROM contact_point WHERE person_id = ?")
            email = try prepare("""
                INSERT INTO contact_point (person_id, kind, value, source, consent, created_at) VALUES (?, 'email', ?, 'manual', '', ?)
                """)
        }
    }
}
