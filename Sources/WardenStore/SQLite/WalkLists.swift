import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    public func cutWalkLists(_ cut: WalkListCut, audit: AuditEvent) async throws -> [WalkList] {
        try await pool.write { db in
            guard try Self.campaign(cut.campaignID, db) != nil else { throw StoreError.notFound("campaign \(cut.campaignID)") }
            let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM walk_list WHERE campaign_id = ? AND polling_district_id = ?",
                                            arguments: [cut.campaignID.rawValue, cut.pollingDistrictID.rawValue]) ?? 0
            guard existing == 0 else {
                throw StoreError.conflict("campaign \(cut.campaignID) already has \(existing) walk list(s) in this polling district")
            }
            let code = try String.fetchOne(db, sql: "SELECT code FROM area WHERE id = ? AND level = 'polling_district'",
                                           arguments: [cut.pollingDistrictID.rawValue])
            guard let code else { throw StoreError.notFound("polling district \(cut.pollingDistrictID)") }
            // Households where someone is on the current register.
            let households = try Row.fetchAll(db, sql: """
                SELECT h.id, h.lines, h.postcode, h.polling_district_id FROM household h
                WHERE h.polling_district_id = ?
                  AND EXISTS (SELECT 1 FROM person p JOIN elector e ON e.person_id = p.id AND e.current = 1 WHERE p.household_id = h.id)
                """, arguments: [cut.pollingDistrictID.rawValue]).map(Self.household(from:))
            let lists = WalkOrder.cut(WalkOrder.sorted(households), doors: cut.doors)
            var made: [WalkList] = []
            for (number, stops) in lists.enumerated() {
                try db.execute(sql: """
                    INSERT INTO walk_list (campaign_id, name, polling_district_id, doors, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [cut.campaignID.rawValue, "\(code) \(number + 1) of \(lists.count)", cut.pollingDistrictID.rawValue,
                                     stops.count, cut.createdBy, audit.at.description])
                let id = db.lastInsertedRowID
                let insert = try db.cachedStatement(sql: "INSERT INTO walk_list_household (walk_list_id, position, household_id) VALUES (?, ?, ?)")
                for (position, household) in stops.enumerated() {
                    try insert.execute(arguments: [id, position + 1, household.id.rawValue])
                }
                if let list = try Self.walkList(WalkListID(id), db) { made.append(list) }
            }
            var event = audit
            event.detail += ": \(made.count) list(s), \(households.count) doors"
            try Self.insert(event, db)
            return made
        }
    }

    public func walkLists(campaign: CampaignID) async throws -> [WalkList] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "\(Self.walkListSelect) WHERE w.campaign_id = ? ORDER BY w.polling_district_id, w.id",
                             arguments: [campaign.rawValue]).map(Self.walkList(from:))
        }
    }

    public func walkList(_ id: WalkListID) async throws -> WalkList? {
        try await pool.read { db in try Self.walkList(id, db) }
    }

    /// Each household's place in a list's walking order.
    static func walkListPositions(_ id: WalkListID, _ db: Database) throws -> [HouseholdID: Int] {
        var positions: [HouseholdID: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT household_id, position FROM walk_list_household WHERE walk_list_id = ?"),
                                    arguments: [id.rawValue]) {
            positions[HouseholdID(row[0] as Int64)] = row[1]
        }
        return positions
    }

    public func walkLists(heldBy account: AccountID, at instant: Timestamp) async throws -> [WalkList] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                \(Self.walkListSelect) WHERE w.assigned_account_id = ? AND w.ended_at IS NULL AND w.assigned_at <= ? AND w.expires_at > ?
                ORDER BY w.expires_at, w.id
                """, arguments: [account.rawValue, instant.description, instant.description]).map(Self.walkList(from:))
        }
    }

    public func assignWalkList(_ request: WalkListAssignmentRequest) async throws -> WalkList {
        try await pool.write { db in
            guard let list = try Self.walkList(request.listID, db) else { throw StoreError.notFound("walk list \(request.listID)") }
            let grants = try Self.activeGrants(request.accountID, at: request.at, db)
            let decision = try request.decide(list, grants)
            let grantID = try Self.insertGrant(
                GrantRequest(role: .canvasser, scopeAreaID: nil, scopeWalkListID: list.id, purpose: .canvassing,
                             reason: "walk list \(list.id) (\(list.name))", expiresAt: decision.grantExpiresAt),
                account: request.accountID, grantedBy: request.grantedBy, at: request.at, db)
            try db.execute(sql: """
                UPDATE walk_list SET assigned_account_id = ?, assigned_grant_id = ?, assigned_at = ?, expires_at = ?, ended_at = NULL
                WHERE id = ?
                """, arguments: [request.accountID.rawValue, grantID, request.at.description, decision.grantExpiresAt.description,
                                 list.id.rawValue])
            var event = request.audit
            event.detail += ": grant \(grantID) until \(decision.grantExpiresAt)"
            try Self.insert(event, db)
            guard let assigned = try Self.walkList(list.id, db) else { throw StoreError.notFound("walk list \(list.id)") }
            return assigned
        }
    }

    public func endWalkListAssignment(_ id: WalkListID, by: String, at instant: Timestamp, audit: AuditEvent) async throws {
        try await pool.write { db in
            guard let list = try Self.walkList(id, db) else { throw StoreError.notFound("walk list \(id)") }
            let grantID = try WalkListLifecycle.end(list, at: instant)
            try db.execute(sql: "UPDATE access_grant SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [instant.description, by, grantID])
            try db.execute(sql: "UPDATE walk_list SET ended_at = ? WHERE id = ?", arguments: [instant.description, id.rawValue])
            try Self.insert(audit, db)
        }
    }

    public func printWalkSheet(_ id: WalkListID, by: String, at instant: Timestamp, audit: AuditEvent) async throws -> WalkSheet {
        try await pool.write { db in
            guard try Self.walkList(id, db) != nil else { throw StoreError.notFound("walk list \(id)") }
            let copies = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM walk_sheet WHERE walk_list_id = ?", arguments: [id.rawValue]) ?? 0
            let sheet = WalkSheet(serial: WalkSheet.serial(list: id, copy: copies + 1), walkListID: id, printedAt: instant, printedBy: by,
                                  status: .out)
            try db.execute(sql: "INSERT INTO walk_sheet (walk_list_id, serial, printed_at, printed_by, status) VALUES (?, ?, ?, ?, 'out')",
                           arguments: [id.rawValue, sheet.serial, instant.description, by])
            var event = audit
            event.detail += ": sheet \(sheet.serial)"
            try Self.insert(event, db)
            let outstanding = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM walk_sheet WHERE walk_list_id = ? AND status = 'out'",
                                               arguments: [id.rawValue]) ?? 0
            if ActivityWatch.isReprinting(outstandingSheets: outstanding) {
                try Self.raise(AlertDraft(kind: .reprint, accountID: audit.accountID, actor: audit.actor,
                                          detail: "\(outstanding) copies of walk list \(id.rawValue)'s sheet are out at once"),
                               at: instant, dedupeWithin: ActivityWatch.quietPeriod, db)
            }
            return sheet
        }
    }

    public func walkSheets(_ id: WalkListID) async throws -> [WalkSheet] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM walk_sheet WHERE walk_list_id = ? ORDER BY id", arguments: [id.rawValue])
                .map(Self.walkSheet(from:))
        }
    }

    public func closeWalkSheet(serial: String, as status: WalkSheet.Status, by: String, at instant: Timestamp,
                               audit: AuditEvent) async throws -> WalkSheet {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM walk_sheet WHERE serial = ?", arguments: [serial]) else {
                throw StoreError.notFound("walk sheet \(serial)")
            }
            var sheet = Self.walkSheet(from: row)
            try WalkSheet.close(sheet, as: status)
            try db.execute(sql: "UPDATE walk_sheet SET status = ?, closed_at = ?, closed_by = ? WHERE serial = ?",
                           arguments: [status.rawValue, instant.description, by, serial])
            try Self.insert(audit, db)
            sheet.status = status
            sheet.closedAt = instant
            sheet.closedBy = by
            return sheet
        }
    }

    static let walkListSelect = """
        SELECT w.id, w.campaign_id, w.name, w.polling_district_id, w.doors, w.assigned_account_id, w.assigned_grant_id,
               w.assigned_at, w.expires_at, w.ended_at, a.username
        FROM walk_list w LEFT JOIN account a ON a.id = w.assigned_account_id
        """

    static func walkList(_ id: WalkListID, _ db: Database) throws -> WalkList? {
        try Row.fetchOne(db.cachedStatement(sql: "\(walkListSelect) WHERE w.id = ?"), arguments: [id.rawValue]).map(walkList(from:))
    }

    static func walkList(from row: Row) -> WalkList {
        var assignment: WalkListAssignment?
        if let account = row["assigned_account_id"] as Int64?, let grant = row["assigned_grant_id"] as Int64?,
           let at = (row["assigned_at"] as String?).flatMap(Timestamp.init(iso8601:)),
           let expires = (row["expires_at"] as String?).flatMap(Timestamp.init(iso8601:)) {
            assignment = WalkListAssignment(accountID: AccountID(account), username: row["username"] ?? "", grantID: grant,
                                            assignedAt: at, expiresAt: expires,
                                            endedAt: (row["ended_at"] as String?).flatMap(Timestamp.init(iso8601:)))
        }
        return WalkList(id: WalkListID(row["id"] as Int64), campaignID: CampaignID(row["campaign_id"] as Int64), name: row["name"],
                        pollingDistrictID: AreaID(row["polling_district_id"] as Int64), doors: row["doors"], assignment: assignment)
    }

    static func walkSheet(from row: Row) -> WalkSheet {
        WalkSheet(serial: row["serial"], walkListID: WalkListID(row["walk_list_id"] as Int64),
                  printedAt: Timestamp(iso8601: row["printed_at"]) ?? Timestamp(secondsSince1970: 0), printedBy: row["printed_by"],
                  status: WalkSheet.Status(rawValue: row["status"]) ?? .out,
                  closedAt: (row["closed_at"] as String?).flatMap(Timestamp.init(iso8601:)), closedBy: row["closed_by"])
    }

    static func household(from row: Row) -> Household {
        Household(id: HouseholdID(row["id"] as Int64),
                  address: Address(lines: (row["lines"] as String).split(separator: "\n").map(String.init), postcode: row["postcode"]),
                  pollingDistrictID: (row["polling_district_id"] as Int64?).map(AreaID.init(rawValue:)))
    }

    /// The electors on a walk list in walking order (or at one stop of it), each with their
    /// results on this list.
    static func walkListPeople(_ id: WalkListID, stop: Int?, areas: [AreaID: Area], db: Database) throws -> [PersonRecord] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: personSelect + """
             JOIN walk_list_household w ON w.household_id = p.household_id
            WHERE w.walk_list_id = ?1 AND (?2 IS NULL OR w.position = ?2) AND e.person_id IS NOT NULL
            ORDER BY w.position, p.surname, p.forenames, p.id
            """), arguments: [id.rawValue, stop])
        let onList = try db.cachedStatement(sql: "\(contactSelect) WHERE c.person_id = ? AND c.walk_list_id = ? ORDER BY c.id")
        return try rows.map { row in
            var record = try record(from: row, areas: areas, contacts: false, db: db)
            record.canvass = try Row.fetchAll(onList, arguments: [record.person.id.rawValue, id.rawValue]).map(contact(from:))
            return record
        }
    }

    /// The walk lists a household is on.
    static func walkLists(ofHousehold id: Int64, _ db: Database) throws -> Set<WalkListID> {
        Set(try Int64.fetchAll(db.cachedStatement(sql: "SELECT walk_list_id FROM walk_list_household WHERE household_id = ?"),
                               arguments: [id]).map(WalkListID.init(rawValue:)))
    }
}
