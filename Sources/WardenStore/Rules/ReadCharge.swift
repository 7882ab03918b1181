import WardenCore

/// The rules of a read of people once the engine has found them: which are handed over, the
/// budget charged, the access (or the refusal, with its alert) recorded, and the watch for
/// enumeration and inhuman read rates. Engine-neutral: it runs in the engine's write
/// transaction over a ``ReadLedger``.
struct ReadCharge {
    /// A read budget counts distinct people over a rolling day.
    static let budgetWindow: Int64 = 86_400

    let ledger: any ReadLedger
    let read: PeopleRead
    let now: Timestamp

    /// What a read found and the decision on each person, before anything is recorded.
    struct Found: Sendable {
        var people: [(record: PersonRecord, fields: Set<PersonField>)]
        /// Set when a read of one person or one list found people the decision does not allow.
        var refused: [PersonID]?
        var missing: Bool
        /// The list read, with its walking order, for a read of a walk list.
        var walkList: (list: WalkList, positions: [HouseholdID: Int])?
        /// For a listing: how many the search matched.
        var total: Int?

        static let nobody = Found(people: [], refused: nil, missing: true)

        /// Applies the decision to the records found: a person or a list the reader may not
        /// see whole is refused whole; a search keeps whom it may.
        init(_ records: [PersonRecord], read: PeopleRead) {
            let allowed = records.map { (record: $0, fields: read.decide($0)) }.filter { !$0.fields.isEmpty }
            switch read.target {
            case .person(let id) where allowed.isEmpty: self.init(people: [], refused: [id], missing: false)
            case .walkList where allowed.count < records.count: self.init(people: [], refused: [], missing: false)
            default: self.init(people: allowed, refused: nil, missing: false)
            }
        }

        private init(people: [(record: PersonRecord, fields: Set<PersonField>)], refused: [PersonID]?, missing: Bool) {
            self.people = people
            self.refused = refused
            self.missing = missing
        }
    }

    /// Checks the reader still stands where it was resolved, then charges the budget and
    /// records the access (or the refusal).
    func record(_ found: Found) throws -> PeopleReadResult {
        try ledger.checkStanding(read.standing)
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
        var limit = read.budget
        if var budget = read.budget, let account = read.audit.accountID {
            let kind = ChargeKind(read.target)
            let raised = try ledger.budgetRaise(account: account, at: now)
            let extra = kind == .listing ? ListingPolicy.dailyAllowance(readBudget: raised) : raised
            budget = budget.addingReportingOverflow(extra).overflow ? .max : budget + extra
            let since = now.adding(seconds: -Self.budgetWindow)
            used = try ledger.peopleCharged(account: account, since: since, kind: kind)
            let fresh = try allowed.map(\.record.person.id).filter { try !ledger.wasCharged(account: account, person: $0, since: since, kind: kind) }
            if used + fresh.count > budget {
                try refuse("\(kind.words) of \(budget) people a day reached (\(used) \(kind == .read ? "read" : "listed"))", alert: .budgetExhausted,
                           people: [], dedupeWithin: 3_600)
                return PeopleReadResult(outcome: .overBudget, people: [], budgetUsed: used, budgetLimit: budget)
            }
            for person in fresh { try ledger.charge(account: account, person: person, at: now, kind: kind) }
            used += fresh.count
            limit = budget
        }
        var event = read.audit
        event.people = allowed.map(\.record.person.id)
        event.dataClasses = Set(allowed.flatMap { $0.fields.map(\.dataClass) })
        try ledger.append(event)
        try watchForEnumeration()
        switch read.target {
        case .selection, .listing: break
        case .search, .person, .walkList: try watchReadRate()
        }
        var result = PeopleReadResult(outcome: .allowed, people: allowed, budgetUsed: used, budgetLimit: limit)
        result.walkList = found.walkList
        result.total = found.total
        return result
    }

    /// Records the refusal and raises its alert.
    private func refuse(_ why: String, alert kind: AlertKind, people: [PersonID], dedupeWithin seconds: Int64? = nil) throws {
        var event = read.audit
        event.outcome = .refused
        event.detail += ": " + why
        event.people = people
        try ledger.append(event)
        try ledger.raise(AlertDraft(kind: kind, accountID: read.audit.accountID, actor: read.audit.actor, detail: why),
                         at: now, dedupeWithin: seconds)
    }

    /// Alerts the DPO when the account has read far more distinct people in the last minute
    /// than a person could (``ActivityWatch``), whatever the mix of searches and reads.
    private func watchReadRate() throws {
        guard let account = read.audit.accountID else { return }
        // Counting stops past the limit, so the cost stays bounded however fast the account reads.
        let recent = try ledger.charges(account: account, since: now.adding(seconds: -ActivityWatch.readRateWindow),
                                        upTo: ActivityWatch.readRateLimit + 1)
        if ActivityWatch.isReadingTooFast(distinctPeopleInWindow: recent) {
            try ledger.raise(AlertDraft(kind: .readRate, accountID: account, actor: read.audit.actor,
                                        detail: "more than \(ActivityWatch.readRateLimit) people read in a minute"),
                             at: now, dedupeWithin: ActivityWatch.quietPeriod)
        }
    }

    /// Alerts the DPO when recent reads walk through identifiers or searches come too fast.
    private func watchForEnumeration() throws {
        guard let account = read.audit.accountID else { return }
        let since = now.adding(seconds: -600)
        let suspicious: Bool
        switch read.target {
        case .person:
            let recent = try ledger.recentlyRead(account: account, since: since, limit: EnumerationDetector.window)
            suspicious = EnumerationDetector.isWalkingIdentifiers(recent.reversed())
        case .search, .listing:
            // Counting stops at the threshold, so the cost stays bounded however busy the account.
            let searches = try ledger.searches(account: account, since: since, upTo: EnumerationDetector.rapidSearchThreshold)
            suspicious = EnumerationDetector.isRapidSearching(searchesInTenMinutes: searches)
        case .walkList, .selection:
            // A list is a bounded set handed out by an organiser, an export one a second person
            // approved; their reads are charged, not watched.
            suspicious = false
        }
        if suspicious {
            try ledger.raise(AlertDraft(kind: .enumeration, accountID: account, actor: read.audit.actor,
                                        detail: "reads look like someone walking through the data"),
                             at: now, dedupeWithin: 3_600)
        }
    }
}

/// Which allowance a read is charged to: opened records to the read budget, a search's
/// listing to the listing allowance (``ListingPolicy``). Each counts distinct people in its
/// own table over the same rolling day.
enum ChargeKind: Sendable, Hashable {
    case read, listing

    init(_ target: PeopleRead.Target) {
        if case .listing = target { self = .listing } else { self = .read }
    }

    var table: String {
        switch self {
        case .read: "read_charge"
        case .listing: "list_charge"
        }
    }

    var words: String {
        switch self {
        case .read: "read budget"
        case .listing: "listing allowance"
        }
    }
}
