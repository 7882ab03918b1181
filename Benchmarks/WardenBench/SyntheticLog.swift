import Foundation
import GRDB
import WardenCore

/// A synthetic audit log of the documented entry format, written straight into a fresh store's
/// tables: no real people, but the same rows, bytes and indexes a real log has, so `verify`
/// and the investigation queries do their real work on it.
///
/// The log opens with a register import that creates every person with a first version (as a
/// real first import does). Each later entry is a read of one random person by one of 500
/// accounts, a hundred a second; every tenth is a write that changes that person's email and makes a
/// version bound into the entry.
///
/// Seeding is not what is measured, so it takes a bulk loader's shortcuts: no fsync, a large
/// page cache, and secondary indexes dropped during the load and rebuilt by sorting after it.
/// Commits come every `chunk` entries so the write-ahead log stays small.
struct SyntheticLog {
    let entries: Int
    let people: Int
    let accounts: Int64 = 500
    let chunk = 250_000
    /// The second of the first entry; a hundred entries a second after it.
    let start: Int64

    init(entries: Int, people: Int) {
        self.entries = entries
        self.people = people
        start = Timestamp.now.secondsSince1970 - Int64(entries / 100)
    }

    /// Writes the log; returns the total size of its entries in bytes.
    func seed(into pool: DatabasePool) throws -> Int {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000")
        }
        let indexes = try pool.write { db in try Self.dropSecondaryIndexes(db) }
        var writer = try Writer(pool: pool, log: self)
        try writer.importEveryone()
        var next = 2
        while next <= entries {
            let last = min(next + chunk - 1, entries)
            try pool.write { db in
                for id in next...last { try writer.entry(id: Int64(id)) }
            }
            next = last + 1
        }
        try pool.write { db in
            for create in indexes { try db.execute(sql: create) }
        }
        return writer.entryBytes
    }

    /// Drops the secondary indexes of the tables the load fills and returns their `CREATE`
    /// statements. Indexes behind UNIQUE constraints (no SQL of their own) stay.
    private static func dropSecondaryIndexes(_ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('audit_event', 'audit_person', 'person_version', 'person')
            """)
        for row in rows { try db.execute(sql: "DROP INDEX \(row["name"] as String)") }
        return rows.map { $0["sql"] }
    }

    /// The prepared statements and running state of one load.
    private struct Writer {
        let log: SyntheticLog
        let pool: DatabasePool
        let event: Statement
        let named: Statement
        let version: Statement
        let person: Statement
        let clearEmail: Statement
        let email: Statement
        var versionID: Int64 = 0
        var entryBytes = 0
        var generator = SystemRandomNumberGenerator()

        init(pool: DatabasePool, log: SyntheticLog) throws {
            self.pool = pool
            self.log = log
            (event, named, version, person, clearEmail, email) = try pool.write { db in
                (try db.makeStatement(sql: """
                    INSERT INTO audit_event (id, at, actor, account_id, action, purpose, outcome, detail, data_classes, people_count, entry, versions_first, versions_last)
                    VALUES (?, ?, ?, ?, ?, ?, 'allowed', ?, ?, ?, ?, ?, ?)
                    """),
                 try db.makeStatement(sql: "INSERT INTO audit_person (event_id, person_id) VALUES (?, ?)"),
                 try db.makeStatement(sql: """
                    INSERT INTO person_version (id, person_id, at, account_id, actor, grant_id, reason, fields, state) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)
                    """),
                 try db.makeStatement(sql: "INSERT INTO person (id, forenames, surname, created_at, updated_at) VALUES (?, 'Bench', ?, ?, ?)"),
                 try db.makeStatement(sql: "DELETE FROM contact_point WHERE person_id = ?"),
                 try db.makeStatement(sql: """
                    INSERT INTO contact_point (person_id, kind, value, source, consent, created_at) VALUES (?, 'email', ?, 'manual', '', ?)
                    """))
            }
        }

        /// Entry 1: a register import creating every person, each with a first version.
        mutating func importEveryone() throws {
            let at = Timestamp(secondsSince1970: log.start)
            var binding = VersionBinding.Builder()
            try pool.write { db in
                for id in 1...Int64(log.people) {
                    try person.execute(arguments: [id, "Person\(id)", at.description, at.description])
                    let state = PersonState(text: "forenames=Bench\nsurname=Person\(id)\n")
                    let made = try version(of: PersonID(rawValue: id), at: at, account: nil, reason: "register import",
                                           fields: ["forenames", "surname"], state: state)
                    binding.add(id: made.id, hash: made.hash)
                }
                let audit = AuditEvent(at: at, actorLabel: "operator", accountID: nil, action: .import, purpose: nil, outcome: .allowed,
                                       detail: "register bench.csv: \(log.people) rows, \(log.people) added, 0 changed, 0 removed",
                                       dataClasses: [.identity, .contact], people: [], versions: binding.finish())
                try insert(audit, id: 1)
            }
        }

        /// Entry `id`: a read of a random person, or every tenth entry a change of their email.
        mutating func entry(id: Int64) throws {
            let account = Int64.random(in: 1...log.accounts, using: &generator)
            let personID = PersonID(rawValue: Int64.random(in: 1...Int64(log.people), using: &generator))
            let at = Timestamp(secondsSince1970: log.start + (id - 1) / 100)
            var binding: VersionBinding?
            if id % 10 == 0 {
                let address = "p\(personID.rawValue)-\(id)@example.org"
                try clearEmail.execute(arguments: [personID.rawValue])
                try email.execute(arguments: [personID.rawValue, address, at.description])
                let state = PersonState(text: "forenames=Bench\nsurname=Person\(personID.rawValue)\nemail=\(address)\t\n")
                var builder = VersionBinding.Builder()
                let made = try version(of: personID, at: at, account: account, reason: "bench", fields: ["email"], state: state)
                builder.add(id: made.id, hash: made.hash)
                binding = builder.finish()
            }
            let audit = AuditEvent(at: at, actorLabel: "account\(account)", accountID: AccountID(rawValue: account),
                                   action: binding == nil ? .read : .write, purpose: .campaignPlanning, outcome: .allowed,
                                   detail: "person", dataClasses: [.contact], people: [personID], versions: binding)
            try insert(audit, id: id)
            try named.execute(arguments: [id, personID.rawValue])
        }

        /// Inserts the next version of `person`.
        private mutating func version(of person: PersonID, at: Timestamp, account: Int64?, reason: String, fields: [String],
                                      state: PersonState) throws -> PersonVersion {
            versionID += 1
            let made = PersonVersion(id: versionID, personID: person, at: at, accountID: account.map(AccountID.init(rawValue:)),
                                     actor: account.map { "account\($0)" } ?? "operator", grantID: nil, reason: reason,
                                     fields: fields, state: state)
            try version.execute(arguments: [versionID, person.rawValue, at.description, account, made.actor, reason,
                                            fields.joined(separator: ","), state.text])
            return made
        }

        private mutating func insert(_ audit: AuditEvent, id: Int64) throws {
            let bytes = audit.entry
            entryBytes += bytes.count
            try event.execute(arguments: [
                id, audit.at.description, audit.actor, audit.accountID?.rawValue, audit.action.rawValue, audit.purpose?.rawValue,
                audit.detail, audit.dataClasses.map(\.rawValue).sorted().joined(separator: ","), audit.people.count, Data(bytes),
                audit.versions?.first, audit.versions?.last,
            ])
        }
    }
}
