import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func recordCanvass(_ request: CanvassWriteRequest) async throws -> CanvassWriteOutcome {
        let areas = areaCache
        return try await group.write { db in
            try CanvassRun(db: db, request: request).run(areas: try areas.areas(db))
        }
    }

    @_spi(Gate) public func campaignContacts(_ campaign: CampaignID, districts: Set<AreaID>?, audit: AuditEvent) async throws -> [SealedCanvassContact] {
        try await pool.write { db in
            var sql = "\(Self.contactSelect) WHERE c.campaign_id = ?"
            if let districts {
                sql += " AND c.polling_district_id IN (\(districts.isEmpty ? "NULL" : districts.map { String($0.rawValue) }.joined(separator: ",")))"
            }
            let contacts = try Row.fetchAll(db, sql: sql + " ORDER BY c.id", arguments: [campaign.rawValue]).map(Self.contact(from:))
            var event = audit
            event.detail += ": \(contacts.count) results, aggregates only"
            event.dataClasses = contacts.isEmpty ? [] : [.specialCategory]
            try Self.insert(event, db)
            return contacts
        }
    }

    /// A person's canvass contacts, oldest first, answers sealed.
    static func canvassContacts(of id: PersonID, _ db: Database) throws -> [SealedCanvassContact] {
        try Row.fetchAll(db.cachedStatement(sql: "\(contactSelect) WHERE c.person_id = ? ORDER BY c.id"), arguments: [id.rawValue])
            .map(contact(from:))
    }

    static let contactSelect = """
        SELECT c.id, c.uid, c.person_id, c.household_id, c.campaign_id, c.walk_list_id, c.polling_district_id, c.at, c.actor,
               c.outcome, c.channel, c.do_not_contact, c.sealed, k.id AS key_id, k.kek_version, k.wrapped
        FROM canvass_contact c LEFT JOIN person_key k ON k.id = c.data_key_id
        """

    static func contact(from row: Row) -> SealedCanvassContact {
        let person = PersonID(row["person_id"] as Int64)
        var key: WrappedDataKey?
        if let id = row["key_id"] as Int64?, let wrapped = row["wrapped"] as Data? {
            key = WrappedDataKey(id: id, personID: person, kekVersion: row["kek_version"], wrapped: Array(wrapped))
        }
        return SealedCanvassContact(
            id: row["id"], uid: row["uid"], personID: person, householdID: (row["household_id"] as Int64?).map(HouseholdID.init(rawValue:)),
            campaignID: CampaignID(row["campaign_id"] as Int64), walkListID: (row["walk_list_id"] as Int64?).map(WalkListID.init(rawValue:)),
            pollingDistrictID: (row["polling_district_id"] as Int64?).map(AreaID.init(rawValue:)),
            at: Timestamp(iso8601: row["at"]) ?? Timestamp(secondsSince1970: 0), actor: row["actor"],
            outcome: ContactOutcome(rawValue: row["outcome"]) ?? .notIn, channel: ContactChannel(rawValue: row["channel"]) ?? .door,
            doNotContact: row["do_not_contact"], sealedAnswers: (row["sealed"] as Data?).map(Array.init), wrappedKey: key)
    }
}

/// One doorstep result, inside the (group-committed) write transaction: the decision, the
/// person's data key, the sealed contact, the version and the audit entry commit together.
struct CanvassRun {
    let db: Database
    let request: CanvassWriteRequest

    func run(areas: [AreaID: Area]) throws -> CanvassWriteOutcome {
        let result = request.result
        guard let row = try Row.fetchOne(db.cachedStatement(sql: SQLiteStore.personByID), arguments: [result.personID.rawValue]) else {
            return .notFound
        }
        let record = try SQLiteStore.record(from: row, areas: areas, contacts: false, db: db)
        guard case .allowed(let grantID) = request.decide(record),
              let campaign = try Int64.fetchOne(db.cachedStatement(sql: "SELECT campaign_id FROM walk_list WHERE id = ?"),
                                                arguments: [result.walkListID.rawValue])
        else {
            try SQLiteStore.refuseWrite(request.audit, to: result.personID, why: "person not on the writer's walk lists",
                                        alert: "tried to record a doorstep result outside their walk lists", db)
            return .outOfScope
        }
        let key = try existingKey(of: result.personID)
        let sealed = try request.seal(key)
        var keyID = key?.id
        if let newKey = sealed?.newKey {
            try db.cachedStatement(sql: "INSERT INTO person_key (person_id, kek_version, wrapped, created_at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [result.personID.rawValue, newKey.kekVersion, Data(newKey.wrapped), request.author.at.description])
            keyID = db.lastInsertedRowID
        }
        try db.cachedStatement(sql: """
            INSERT INTO canvass_contact (uid, person_id, household_id, campaign_id, walk_list_id, polling_district_id, at, account_id,
                                         actor, outcome, channel, do_not_contact, sealed, data_key_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                request.uid, result.personID.rawValue, record.person.householdID?.rawValue, campaign, result.walkListID.rawValue,
                record.areas.first { $0.level == .pollingDistrict }?.id.rawValue, request.author.at.description,
                request.author.accountID?.rawValue, request.author.actor, result.outcome.rawValue, result.channel.rawValue,
                result.doNotContact, sealed.map { Data($0.ciphertext) }, sealed == nil ? nil : keyID,
            ])
        let contactID = db.lastInsertedRowID
        try Versioning.touch([result.personID.rawValue], db)
        var author = request.author
        author.grantID = grantID
        let binding = try Versioning.record(author, db: db)
        var event = request.audit
        event.people = [result.personID]
        event.dataClasses = sealed == nil ? [.identity] : [.identity, .specialCategory]
        event.versions = binding
        event.detail += ": \(result.outcome.rawValue) on walk list \(result.walkListID)"
        try SQLiteStore.insert(event, db)
        return .recorded(contactID: contactID)
    }

    func existingKey(of person: PersonID) throws -> WrappedDataKey? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT id, kek_version, wrapped FROM person_key WHERE person_id = ?"),
                         arguments: [person.rawValue]).map { row in
            WrappedDataKey(id: row["id"], personID: person, kekVersion: row["kek_version"], wrapped: Array(row["wrapped"] as Data))
        }
    }
}
