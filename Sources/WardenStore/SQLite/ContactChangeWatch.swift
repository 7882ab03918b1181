import GRDB
public import WardenCore

extension SQLiteStore {
    public func watchContactChanges(by account: AccountID, actor: String, at instant: Timestamp) async throws -> Bool {
        try await pool.write { db in
            // Counting stops past the limit, so the cost stays bounded however busy the account.
            let recent = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM (SELECT 1 FROM audit_event
                WHERE account_id = ? AND action = 'write' AND outcome = 'allowed' AND at > ? AND detail LIKE 'contact details%' LIMIT ?)
                """), arguments: [account.rawValue, instant.adding(seconds: -ActivityWatch.contactChangeWindow).description,
                                  ActivityWatch.contactChangeLimit + 1]) ?? 0
            guard ActivityWatch.isChangingTooMany(contactChangesInWindow: recent) else { return false }
            try Self.raise(AlertDraft(kind: .contactChanges, accountID: account, actor: actor,
                                      detail: "more than \(ActivityWatch.contactChangeLimit) people's contact details changed in 10 minutes"),
                           at: instant, dedupeWithin: ActivityWatch.quietPeriod, db)
            return true
        }
    }
}
