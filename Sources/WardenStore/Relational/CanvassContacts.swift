public import WardenCore

extension RelationalStore {
    @_spi(Gate) public func campaignContacts(_ campaign: CampaignID, districts: Set<AreaID>?, audit: AuditEvent) async throws -> [SealedCanvassContact] {
        try await engine.write { sql in
            var statement = "\(CanvassContactRows.select) WHERE c.campaign_id = ?"
            if let districts {
                statement += " AND c.polling_district_id IN (\(districts.isEmpty ? "NULL" : districts.map { String($0.rawValue) }.joined(separator: ",")))"
            }
            let contacts = try sql.rows(statement + " ORDER BY c.id", campaign.rawValue).map(CanvassContactRows.contact(from:))
            var event = audit
            event.detail += ": \(contacts.count) results, aggregates only"
            event.dataClasses = contacts.isEmpty ? [] : [.specialCategory]
            try AuditRows.insert(event, sql)
            return contacts
        }
    }
}
