public import WardenCore

extension RelationalStore {
    public func cutWalkLists(_ cut: WalkListCut, audit: AuditEvent) async throws -> [WalkList] {
        try await engine.write { sql in
            guard try CampaignRows.campaign(cut.campaignID, sql) != nil else { throw StoreError.notFound("campaign \(cut.campaignID)") }
            let existing = try sql.count("SELECT COUNT(*) FROM walk_list WHERE campaign_id = ? AND polling_district_id = ?",
                                       cut.campaignID.rawValue, cut.pollingDistrictID.rawValue)
            guard existing == 0 else {
                throw StoreError.conflict("campaign \(cut.campaignID) already has \(existing) walk list(s) in this polling district")
            }
            guard let code = try sql.row("SELECT code FROM area WHERE id = ? AND level = 'polling_district'", cut.pollingDistrictID.rawValue)?.text(0)
            else { throw StoreError.notFound("polling district \(cut.pollingDistrictID)") }
            // Households where someone is on the current register.
            let households = try sql.rows("""
                SELECT h.id, h.lines, h.postcode, h.polling_district_id FROM household h
                WHERE h.polling_district_id = ?
                  AND EXISTS (SELECT 1 FROM person p JOIN elector e ON e.person_id = p.id AND e.current = 1 WHERE p.household_id = h.id)
                """, cut.pollingDistrictID.rawValue).map(WalkListRows.household(from:))
            let lists = WalkOrder.cut(WalkOrder.sorted(households), doors: cut.doors)
            var made: [WalkList] = []
            for (number, stops) in lists.enumerated() {
                let id = try sql.insert("""
                    INSERT INTO walk_list (campaign_id, name, polling_district_id, doors, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    RETURNING id
                    """, cut.campaignID.rawValue, "\(code) \(number + 1) of \(lists.count)", cut.pollingDistrictID.rawValue,
                    stops.count, cut.createdBy, audit.at)
                for (position, household) in stops.enumerated() {
                    try sql.execute("INSERT INTO walk_list_household (walk_list_id, position, household_id) VALUES (?, ?, ?)",
                                    id, position + 1, household.id.rawValue)
                }
                if let list = try WalkListRows.walkList(WalkListID(id), sql) { made.append(list) }
            }
            var event = audit
            event.detail += ": \(made.count) list(s), \(households.count) doors"
            try AuditRows.insert(event, sql)
            return made
        }
    }

    public func walkLists(campaign: CampaignID) async throws -> [WalkList] {
        try await engine.read { sql in
            try sql.rows("\(WalkListRows.select) WHERE w.campaign_id = ? ORDER BY w.polling_district_id, w.id", campaign.rawValue)
                .map(WalkListRows.walkList(from:))
        }
    }

    public func doorsDone(campaign: CampaignID) async throws -> [WalkListID: Int] {
        try await engine.read { sql in
            let rows = try sql.rows("""
                SELECT w.walk_list_id, COUNT(DISTINCT w.household_id) FROM walk_list_household w
                JOIN walk_list l ON l.id = w.walk_list_id
                WHERE l.campaign_id = ? AND EXISTS (
                    SELECT 1 FROM canvass_contact c WHERE c.walk_list_id = w.walk_list_id AND c.household_id = w.household_id)
                GROUP BY w.walk_list_id
                """, campaign.rawValue)
            return Dictionary(uniqueKeysWithValues: try rows.map { (WalkListID(try $0.integer(0)), try $0.int(1)) })
        }
    }

    public func walkList(_ id: WalkListID) async throws -> WalkList? {
        try await engine.read { sql in try WalkListRows.walkList(id, sql) }
    }

    public func walkLists(heldBy account: AccountID, at instant: Timestamp) async throws -> [WalkList] {
        try await engine.read { sql in
            try sql.rows("""
                \(WalkListRows.select) WHERE w.assigned_account_id = ?1 AND w.ended_at IS NULL AND w.assigned_at <= ?2 AND w.expires_at > ?2
                ORDER BY w.expires_at, w.id
                """, account.rawValue, instant).map(WalkListRows.walkList(from:))
        }
    }

    public func assignWalkList(_ request: WalkListAssignmentRequest) async throws -> WalkList {
        try await engine.write { sql in
            guard let list = try WalkListRows.walkList(request.listID, sql) else { throw StoreError.notFound("walk list \(request.listID)") }
            let grants = try GrantRows.active(request.accountID, at: request.at, sql)
            let decision = try request.decide(list, grants)
            let grantID = try GrantRows.insert(
                GrantRequest(role: .canvasser, scopeAreaID: nil, scopeWalkListID: list.id, purpose: .canvassing,
                             reason: "walk list \(list.id) (\(list.name))", expiresAt: decision.grantExpiresAt),
                account: request.accountID, grantedBy: request.grantedBy, at: request.at, sql)
            try sql.execute("""
                UPDATE walk_list SET assigned_account_id = ?, assigned_grant_id = ?, assigned_at = ?, expires_at = ?, ended_at = NULL
                WHERE id = ?
                """, request.accountID.rawValue, grantID, request.at, decision.grantExpiresAt, list.id.rawValue)
            var event = request.audit
            event.detail += ": grant \(grantID) until \(decision.grantExpiresAt)"
            try AuditRows.insert(event, sql)
            guard let assigned = try WalkListRows.walkList(list.id, sql) else { throw StoreError.notFound("walk list \(list.id)") }
            return assigned
        }
    }

    public func endWalkListAssignment(_ id: WalkListID, by: String, at instant: Timestamp, audit: AuditEvent) async throws {
        try await engine.write { sql in
            guard let list = try WalkListRows.walkList(id, sql) else { throw StoreError.notFound("walk list \(id)") }
            let grantID = try WalkListLifecycle.end(list, at: instant)
            try sql.execute("UPDATE access_grant SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL", instant, by, grantID)
            try sql.execute("UPDATE walk_list SET ended_at = ? WHERE id = ?", instant, id.rawValue)
            try AuditRows.insert(audit, sql)
        }
    }

    public func printWalkSheet(_ id: WalkListID, by: String, at instant: Timestamp, audit: AuditEvent) async throws -> WalkSheet {
        try await engine.write { sql in
            guard try WalkListRows.walkList(id, sql) != nil else { throw StoreError.notFound("walk list \(id)") }
            let copies = try sql.count("SELECT COUNT(*) FROM walk_sheet WHERE walk_list_id = ?", id.rawValue)
            let sheet = WalkSheet(serial: WalkSheet.serial(list: id, copy: copies + 1), walkListID: id, printedAt: instant, printedBy: by,
                                  status: .out)
            try sql.execute("INSERT INTO walk_sheet (walk_list_id, serial, printed_at, printed_by, status) VALUES (?, ?, ?, ?, 'out')",
                            id.rawValue, sheet.serial, instant, by)
            var event = audit
            event.detail += ": sheet \(sheet.serial)"
            try AuditRows.insert(event, sql)
            let outstanding = try sql.count("SELECT COUNT(*) FROM walk_sheet WHERE walk_list_id = ? AND status = 'out'", id.rawValue)
            if ActivityWatch.isReprinting(outstandingSheets: outstanding) {
                try AlertRows.raise(AlertDraft(kind: .reprint, accountID: audit.accountID, actor: audit.actor,
                                               detail: "\(outstanding) copies of walk list \(id.rawValue)'s sheet are out at once"),
                                    at: instant, dedupeWithin: ActivityWatch.quietPeriod, sql)
            }
            return sheet
        }
    }

    public func walkSheets(_ id: WalkListID) async throws -> [WalkSheet] {
        try await engine.read { sql in
            try sql.rows("\(WalkListRows.sheetSelect) WHERE walk_list_id = ? ORDER BY id", id.rawValue).map(WalkListRows.walkSheet(from:))
        }
    }

    public func closeWalkSheet(serial: String, as status: WalkSheet.Status, by: String, at instant: Timestamp,
                               audit: AuditEvent) async throws -> WalkSheet {
        try await engine.write { sql in
            guard let row = try sql.row("\(WalkListRows.sheetSelect) WHERE serial = ?", serial) else {
                throw StoreError.notFound("walk sheet \(serial)")
            }
            var sheet = try WalkListRows.walkSheet(from: row)
            try WalkSheet.close(sheet, as: status)
            try sql.execute("UPDATE walk_sheet SET status = ?, closed_at = ?, closed_by = ? WHERE serial = ?", status.rawValue, instant, by, serial)
            try AuditRows.insert(audit, sql)
            sheet.status = status
            sheet.closedAt = instant
            sheet.closedBy = by
            return sheet
        }
    }
}

/// Walk lists, their households and their sheets as rows.
enum WalkListRows {
    static let select = """
        SELECT w.id, w.campaign_id, w.name, w.polling_district_id, w.doors, w.assigned_account_id, w.assigned_grant_id,
               w.assigned_at, w.expires_at, w.ended_at, a.username
        FROM walk_list w LEFT JOIN account a ON a.id = w.assigned_account_id
        """

    static func walkList(_ id: WalkListID, _ sql: any SQLSession) throws -> WalkList? {
        try sql.row("\(select) WHERE w.id = ?", id.rawValue).map(walkList(from:))
    }

    /// A walk list from a row of ``select``.
    static func walkList(from row: SQLRow) throws -> WalkList {
        var assignment: WalkListAssignment?
        if let account = try row.optionalInteger(5), let grant = try row.optionalInteger(6),
           let at = try row.optionalTimestamp(7), let expires = try row.optionalTimestamp(8) {
            assignment = WalkListAssignment(accountID: AccountID(account), username: try row.optionalText(10) ?? "", grantID: grant,
                                            assignedAt: at, expiresAt: expires, endedAt: try row.optionalTimestamp(9))
        }
        return WalkList(id: WalkListID(try row.integer(0)), campaignID: CampaignID(try row.integer(1)), name: try row.text(2),
                        pollingDistrictID: AreaID(try row.integer(3)), doors: try row.int(4), assignment: assignment)
    }

    /// Each household's place in a list's walking order.
    static func positions(_ id: WalkListID, _ sql: any SQLSession) throws -> [HouseholdID: Int] {
        var positions: [HouseholdID: Int] = [:]
        for row in try sql.rows("SELECT household_id, position FROM walk_list_household WHERE walk_list_id = ?", id.rawValue) {
            positions[HouseholdID(try row.integer(0))] = try row.int(1)
        }
        return positions
    }

    /// The walk lists a household is on.
    static func walkLists(ofHousehold id: Int64, _ sql: any SQLSession) throws -> Set<WalkListID> {
        Set(try sql.rows("SELECT walk_list_id FROM walk_list_household WHERE household_id = ?", id).map { WalkListID(try $0.integer(0)) })
    }

    static let sheetSelect = "SELECT serial, walk_list_id, printed_at, printed_by, status, closed_at, closed_by FROM walk_sheet"

    /// A sheet from a row of ``sheetSelect``.
    static func walkSheet(from row: SQLRow) throws -> WalkSheet {
        WalkSheet(serial: try row.text(0), walkListID: WalkListID(try row.integer(1)), printedAt: try row.timestamp(2),
                  printedBy: try row.text(3), status: WalkSheet.Status(rawValue: try row.text(4)) ?? .out,
                  closedAt: try row.optionalTimestamp(5), closedBy: try row.optionalText(6))
    }

    /// A household from a row of its id, lines, postcode and polling district.
    static func household(from row: SQLRow) throws -> Household {
        Household(id: HouseholdID(try row.integer(0)),
                  address: Address(lines: try row.text(1).split(separator: "\n").map(String.init), postcode: try row.text(2)),
                  pollingDistrictID: try row.optionalInteger(3).map(AreaID.init(rawValue:)))
    }
}
