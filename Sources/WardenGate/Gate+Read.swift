public import WardenCore
@_spi(Gate) public import WardenStore

extension Gate {
    /// What a read is of.
    public enum Target: Sendable {
        case search(PeopleQuery)
        /// One page of a search's listing: names, streets and membership status only, charged
        /// to the listing allowance (``ListingPolicy``).
        case listing(PeopleQuery)
        case person(PersonID)
        case walkList(WalkListID, stop: Int?)
    }

    /// How much of `actor`'s read budget and listing allowance the rolling day has used, and
    /// their sizes: what the search page shows before a search is run. `nil` for an actor with
    /// no budget (the local operator). Reads no one.
    public func allowances(of actor: Actor) async throws -> (read: Int, listed: Int, budget: Int, allowance: Int)? {
        guard let budget = dailyBudget(for: actor), let account = actor.accountID else { return nil }
        let used = try await store.allowancesUsed(by: account, before: .now)
        let raised = budget + used.raised
        return (used.read, used.listed, raised, ListingPolicy.dailyAllowance(readBudget: raised))
    }

    /// How many members `actor` may read for `purpose` are in each status: the membership
    /// office's figures. Counting names no one; it is recorded, and refused on the record for
    /// a reader with no grant for the purpose.
    public func countMembers(actor: Actor, purpose: Purpose, on today: CalendarDate) async throws -> MemberCounts {
        let event = AuditEvent(actor: actor, action: .search, purpose: purpose, detail: "members counted by status")
        let scope = AccessPolicy.searchScope(for: actor, purpose: purpose)
        guard !scope.isEmpty else {
            try await refuse(event, by: actor, why: "no grant to read members for \(purpose.rawValue)",
                             .forbidden("your grants do not include members' records for \(purpose.words)"))
        }
        let counts = try await store.countMembers(scope: scope, on: today)
        try await log.append(event)
        return counts
    }

    /// Reads `target` for `actor`; throws a recorded refusal when the policy or the budget says no.
    public func read(_ target: Target, actor: Actor, purpose: Purpose, action: AuditAction, detail: String) async throws -> PeopleReadResult {
        let event = AuditEvent(actor: actor, action: action, purpose: purpose, detail: detail)
        let scope = AccessPolicy.searchScope(for: actor, purpose: purpose)
        guard !scope.isEmpty else {
            try await refuse(event, by: actor, why: "no grant to read people for \(purpose.rawValue)",
                             .forbidden("your grants do not include reading people's records for \(purpose.words)"))
        }
        let storeTarget: PeopleRead.Target = switch target {
        case .search(let query): .search(query, scope)
        case .listing(let query): .listing(query, scope)
        case .person(let id): .person(id)
        case .walkList(let id, let stop): .walkList(id, stop: stop)
        }
        if case .listing(let query) = target, !ListingPolicy.mayList(offset: query.offset) {
            try await refuse(event, by: actor, why: "a listing past its first \(ListingPolicy.deepest) matches",
                             .invalidRequest("a search lists its first \(ListingPolicy.deepest) matches only: narrow it (an area, a street, more of the name)"))
        }
        let listing = if case .listing = target { true } else { false }
        let budget = dailyBudget(for: actor).map { listing ? ListingPolicy.dailyAllowance(readBudget: $0) : $0 }
        let result = try await store.readPeople(PeopleRead(
            target: storeTarget, audit: event, budget: budget, standing: actor.standing
        ) { record in
            let fields = AccessPolicy.readableFields(of: record.placement, actor: actor, purpose: purpose)
            return listing ? fields.intersection(ListingPolicy.fields) : fields
        })
        switch result.outcome {
        case .allowed: return result
        case .notFound, .outOfScope: throw WardenError.notFound("no such person, or not one you may see")
        case .overBudget: throw WardenError.budgetExhausted("\(result.budgetLimit ?? 0) people a day\(listing ? " listed" : "")")
        }
    }

    /// What the reader is shown of `record`: the permitted fields and, only when they include
    /// ``PersonField/canvassResults``, the person's canvass history with its answers opened.
    public func view(_ record: PersonRecord, fields: Set<PersonField>) throws -> PersonView {
        var view = PersonView(record, fields: fields)
        if fields.contains(.canvassResults), let contacts = record.canvass {
            view.canvass = try contacts.map { CanvassContactView($0, answers: try envelope.open($0)) }
        }
        return view
    }
}
