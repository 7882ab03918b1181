import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
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
