import Foundation
import GRDB
import WardenCore

/// One read of people: find and decide in a read transaction, then charge, record and
/// watch in the (group-committed) write transaction.
struct PeopleReadRun {
    let db: Database
    let read: PeopleRead
    let now = Timestamp.now

    /// What a read found and the decision on each person, before anything is recorded.
    struct Found: Sendable {
        var people: [(record: PersonRecord, fields: Set<PersonField>)]
        /// Set when a read of one person or one list found people the decision does not allow.
        var refused: [PersonID]?
        var missing: Bool
    }

    /// Finds the people in a read transaction (concurrently with other requests) and applies
    /// the decision; nothing leaves until ``record(_:read:)`` has committed the audit entry.
    static func find(_ read: PeopleRead, areas: AreaCache, db: Database) throws -> Found {
        let all = try areas.areas(db)
        let found: [PersonRecord]
        switch read.target {
        case .search(let query, let scope):
            found = try SQLiteStore.search(query, scope: scope, areas: all, db: db)
        case .person(let id):
            guard let row = try Row.fetchOne(db.cachedStatement(sql: SQLiteStore.personByID), arguments: [id.rawValue]) else {
                return Found(people: [], refused: nil, missing: true)
            }
            found = [try SQLiteStore.record(from: row, areas: all, contacts: true, db: db)]
        case .walkList(let id, let stop):
            guard try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM walk_list WHERE id = ?"), arguments: [id.rawValue]) != nil else {
                return Found(people: [], refused: nil, missing: true)
            }
            found = try SQLiteStore.walkListPeople(id, stop: stop, areas: all, db: db)
        }
        let allowed = found.map { (record: $0, fields: read.decide($0)) }.filter { !$0.fields.isEmpty }
        switch read.target {
        case .person(let id) where allowed.isEmpty:
            return Found(people: [], refused: [id], missing: false)
        case .walkList where allowed.count < found.count:
            return Found(people: [], refused: [], missing: false)
        default:
            return Found(people: allowed, refused: nil, missing: false)
        }
    }

    /// Charges the budget and records the access (or the refusal), in the write transaction.
    func record(_ found: Found) throws -> PeopleReadResult {
        if found.missing {
            return PeopleReadResult(outcome: .notFound, people: [], budgetUsed: 0, budgetLimit: read.budget)
        }
        if let people = found.refused {
            try refuse(people.isEmpty ? "walk list outside the reader's grants" : "person outside the reader's grants",
                       alert: .outOfScope, people: people)
            return PeopleReadResult(outcome: .outOfScope, people: [], budgetUsed: 0, budgetLimit: read.budget)
        }
        let allowed = found.people
        var used = 0
        if let budget = read.budget, let account = read.audit.accountID {
            let since = now.adding(seconds: -86_400).description
            used = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(DISTINCT person_id) FROM read_charge WHERE account_id = ? AND at > ?
                """), arguments: [account.rawValue, since]) ?? 0
            let charged = try db.cachedStatement(sql: "SELECT 1 FROM read_charge WHERE account_id = ? AND person_id = ? AND at > ? LIMIT 1")
            let fresh = try allowed.filter { try Int.fetchOne(charged, arguments: [account.rawValue, $0.record.person.id.rawValue, since]) == nil }
            if used + fresh.count > budget {
                try refuse("read budget of \(budget) people a day reached (\(used) read)", alert: .budgetExhausted,
                           people: [], dedupeWithin: 3_600)
                return PeopleReadResult(outcome: .overBudget, people: [], budgetUsed: used, budgetLimit: budget)
            }
            let charge = try db.cachedStatement(sql: "INSERT OR IGNORE INTO read_charge (account_id, person_id, at) VALUES (?, ?, ?)")
            for person in fresh { try charge.execute(arguments: [account.rawValue, person.record.person.id.rawValue, now.description]) }
            used += fresh.count
        }
        var event = read.audit
        event.people = allowed.map(\.record.person.id)
        event.dataClasses = Set(allowed.flatMap { $0.fields.map(\.dataClass) })
        try SQLiteStore.insert(event, db)
        try watchForEnumeration()
        try watchReadRate()
        return PeopleReadResult(outcome: .allowed, people: allowed, budgetUsed: used, budgetLimit: read.budget)
    }

    /// Records the refusal and raises its alert, in this transaction.
    func refuse(_ why: String, alert kind: AlertKind, people: [PersonID], dedupeWithin seconds: Int64? = nil) throws {
        var event = read.audit
        event.outcome = .refused
        event.detail += ": " + why
        event.people = people
        try SQLiteStore.insert(event, db)
        try SQLiteStore.raise(AlertDraft(kind: kind, accountID: read.audit.accountID, actor: read.audit.actor, detail: why),
                              at: now, dedupeWithin: seconds, db)
    }

    /// Alerts the DPO when the account has read far more distinct people in the last minute
    /// than a person could (``ActivityWatch``), whatever the mix of searches and reads.
    func watchReadRate() throws {
        guard let account = read.audit.accountID else { return }
        // Counting stops past the limit, so the cost stays bounded however fast the account reads.
        let recent = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM read_charge WHERE account_id = ? AND at > ? LIMIT ?)
            """), arguments: [account.rawValue, now.adding(seconds: -ActivityWatch.readRateWindow).description,
                              ActivityWatch.readRateLimit + 1]) ?? 0
        if ActivityWatch.isReadingTooFast(distinctPeopleInWindow: recent) {
            try SQLiteStore.raise(AlertDraft(kind: .readRate, accountID: account, actor: read.audit.actor,
                                             detail: "more than \(ActivityWatch.readRateLimit) people read in a minute"),
                                  at: now, dedupeWithin: ActivityWatch.quietPeriod, db)
        }
    }

    /// Alerts the DPO when recent reads walk through identifiers or searches come too fast.
    func watchForEnumeration() throws {
        guard let account = read.audit.accountID else { return }
        let since = now.adding(seconds: -600).description
        let suspicious: Bool
        switch read.target {
        case .person:
            let recent = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT ap.person_id FROM audit_event ae JOIN audit_person ap ON ap.event_id = ae.id
                WHERE ae.account_id = ? AND ae.action = 'read' AND ae.outcome = 'allowed' AND ae.at > ?
                ORDER BY ae.at DESC LIMIT ?
                """), arguments: [account.rawValue, since, EnumerationDetector.window])
            suspicious = EnumerationDetector.isWalkingIdentifiers(recent.reversed().map(PersonID.init(rawValue:)))
        case .search:
            // Counting stops at the threshold, so the cost stays bounded however busy the account.
            let searches = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM (SELECT 1 FROM audit_event WHERE account_id = ? AND action = 'search' AND at > ? LIMIT ?)
                """), arguments: [account.rawValue, since, EnumerationDetector.rapidSearchThreshold]) ?? 0
            suspicious = EnumerationDetector.isRapidSearching(searchesInTenMinutes: searches)
        case .walkList:
            // A list is a bounded set handed out by an organiser; its reads are charged, not watched.
            suspicious = false
        }
        if suspicious {
            try SQLiteStore.raise(AlertDraft(kind: .enumeration, accountID: account, actor: read.audit.actor,
                                             detail: "reads look like someone walking through the data"),
                                  at: now, dedupeWithin: 3_600, db)
        }
    }
}
