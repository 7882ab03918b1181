import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func createCampaign(_ campaign: NewCampaign, createdBy: String, audit: AuditEvent) async throws -> Campaign {
        let survey = try Self.encodeSurvey(campaign.survey)
        return try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO campaign (name, starts_on, ends_on, survey, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [campaign.name, campaign.startsOn.description, campaign.endsOn.description, survey, createdBy,
                                 audit.at.description])
            let id = CampaignID(db.lastInsertedRowID)
            for area in Set(campaign.areaIDs) {
                try db.execute(sql: "INSERT INTO campaign_area (campaign_id, area_id) VALUES (?, ?)", arguments: [id.rawValue, area.rawValue])
            }
            var event = audit
            event.detail += " \(id)"
            try Self.insert(event, db)
            guard let made = try Self.campaign(id, db) else { throw StoreError.notFound("campaign \(id)") }
            return made
        }
    }

    public func campaigns() async throws -> [Campaign] {
        try await pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM campaign ORDER BY starts_on DESC, id DESC")
                .compactMap { try Self.campaign(CampaignID($0), db) }
        }
    }

    public func campaign(_ id: CampaignID) async throws -> Campaign? {
        try await pool.read { db in try Self.campaign(id, db) }
    }

    static func campaign(_ id: CampaignID, _ db: Database) throws -> Campaign? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM campaign WHERE id = ?"), arguments: [id.rawValue]),
              let starts = CalendarDate(parsing: row["starts_on"] as String), let ends = CalendarDate(parsing: row["ends_on"] as String)
        else { return nil }
        let areas = try Int64.fetchAll(db.cachedStatement(sql: "SELECT area_id FROM campaign_area WHERE campaign_id = ? ORDER BY area_id"),
                                       arguments: [id.rawValue])
        let survey = try JSONDecoder().decode(Survey.self, from: Data((row["survey"] as String).utf8))
        return Campaign(id: id, name: row["name"], areaIDs: areas.map(AreaID.init(rawValue:)), startsOn: starts, endsOn: ends, survey: survey)
    }

    static func encodeSurvey(_ survey: Survey) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(survey), as: UTF8.self)
    }
}
