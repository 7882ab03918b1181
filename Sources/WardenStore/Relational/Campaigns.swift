import Foundation
public import WardenCore

extension RelationalStore {
    public func createCampaign(_ campaign: NewCampaign, createdBy: String, audit: AuditEvent) async throws -> Campaign {
        let survey = try StoredJSON.text(campaign.survey)
        return try await engine.write { sql in
            let id = CampaignID(try sql.insert("""
                INSERT INTO campaign (name, starts_on, ends_on, survey, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """, campaign.name, campaign.startsOn.description, campaign.endsOn.description, survey, createdBy, audit.at))
            for area in Set(campaign.areaIDs) {
                try sql.execute("INSERT INTO campaign_area (campaign_id, area_id) VALUES (?, ?)", id.rawValue, area.rawValue)
            }
            var event = audit
            event.detail += " \(id)"
            try AuditRows.insert(event, sql)
            guard let made = try CampaignRows.campaign(id, sql) else { throw StoreError.notFound("campaign \(id)") }
            return made
        }
    }

    public func partySurvey() async throws -> Survey? {
        try await engine.read { sql in
            try sql.row("SELECT value FROM setting WHERE key = ?", CampaignRows.partySurveyKey).map {
                try JSONDecoder().decode(Survey.self, from: Data(try $0.text(0).utf8))
            }
        }
    }

    public func setPartySurvey(_ survey: Survey, audit: AuditEvent) async throws {
        let text = try StoredJSON.text(survey)
        try await engine.write { sql in
            try sql.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            CampaignRows.partySurveyKey, text)
            try AuditRows.insert(audit, sql)
        }
    }

    public func campaigns() async throws -> [Campaign] {
        try await engine.read { sql in
            try sql.rows("SELECT id FROM campaign ORDER BY starts_on DESC, id DESC").compactMap { try CampaignRows.campaign(CampaignID(try $0.integer(0)), sql) }
        }
    }

    public func campaign(_ id: CampaignID) async throws -> Campaign? {
        try await engine.read { sql in try CampaignRows.campaign(id, sql) }
    }
}

/// Campaigns as rows: the survey as sorted JSON text.
enum CampaignRows {
    /// The setting holding the party's survey as JSON.
    static let partySurveyKey = "party_survey"

    static func campaign(_ id: CampaignID, _ sql: any SQLSession) throws -> Campaign? {
        guard let row = try sql.row("SELECT name, starts_on, ends_on, survey FROM campaign WHERE id = ?", id.rawValue),
              let starts = CalendarDate(parsing: try row.text(1)), let ends = CalendarDate(parsing: try row.text(2))
        else { return nil }
        let areas = try sql.rows("SELECT area_id FROM campaign_area WHERE campaign_id = ? ORDER BY area_id", id.rawValue)
            .map { AreaID(rawValue: try $0.integer(0)) }
        let survey = try JSONDecoder().decode(Survey.self, from: Data(try row.text(3).utf8))
        return Campaign(id: id, name: try row.text(0), areaIDs: areas, startsOn: starts, endsOn: ends, survey: survey)
    }

}
