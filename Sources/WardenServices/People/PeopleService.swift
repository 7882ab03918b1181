import Foundation
public import WardenCore
public import WardenGate
import WardenStore

/// Finding and reading people, always through the ``Gate``.
public struct PeopleService: Sendable {
    let gate: Gate
    let store: any AreaStore

    /// People matching `query` that `actor` may see, each reduced to the fields they may read.
    public func search(_ query: PeopleQuery, actor: Actor, purpose: Purpose) async throws -> Reading<[PersonView]> {
        let result = try await gate.read(.search(query), actor: actor, purpose: purpose, action: .search, detail: "people search")
        return Reading(value: try result.people.map { try gate.view($0.record, fields: $0.fields) }, result: result)
    }

    /// One page of the people matching `query` that `actor` may see, as a listing shows them:
    /// name, street and membership status (``ListingPolicy``), charged to the listing
    /// allowance, with how many the search matches.
    public func list(_ query: PeopleQuery, actor: Actor, purpose: Purpose) async throws -> Reading<Listing> {
        let result = try await gate.read(.listing(query), actor: actor, purpose: purpose, action: .search, detail: "people listing")
        let people = try result.people.map { found in
            var view = try gate.view(found.record, fields: found.fields)
            view.address = view.address.map { Address(lines: [ListingPolicy.street(of: $0)], postcode: "") }
            return view
        }
        return Reading(value: Listing(people: people, total: result.total ?? people.count, offset: query.offset), result: result)
    }

    /// The others at `person`'s address that `actor` may see, as a listing shows them (and
    /// charged as one): the household on a person's page.
    public func household(of person: PersonID, actor: Actor, purpose: Purpose) async throws -> Reading<Listing> {
        var query = PeopleQuery(text: "", limit: ListingPolicy.pageSize)
        query.sharingHomeWith = person
        return try await list(query, actor: actor, purpose: purpose)
    }

    /// The membership office's figures: members `actor` may read, by status, and those who
    /// lapse this month unless they pay.
    public func memberCounts(actor: Actor, on today: CalendarDate = Timestamp.now.date) async throws -> MemberCounts {
        try await gate.countMembers(actor: actor, purpose: .membershipAdministration, on: today)
    }

    /// What `actor` has used today of their read budget and listing allowance.
    public func allowances(actor: Actor) async throws -> Allowances? {
        try await gate.allowances(of: actor).map {
            Allowances(read: ReadBudgetStatus(used: $0.read, limit: $0.budget), listed: ReadBudgetStatus(used: $0.listed, limit: $0.allowance))
        }
    }

    /// One person reduced to the fields `actor` may read. "Absent" and "not yours to see"
    /// give the same answer, so a refusal never says whether someone exists.
    public func person(_ id: PersonID, actor: Actor, purpose: Purpose) async throws -> Reading<PersonView> {
        let result = try await gate.read(.person(id), actor: actor, purpose: purpose, action: .read, detail: "person")
        guard let first = result.people.first else { throw WardenError.notFound("no such person, or not one you may see") }
        return Reading(value: try gate.view(first.record, fields: first.fields), result: result)
    }

    /// Aggregate counts: no one's personal data, so any signed-in actor may see them.
    public func counts() async throws -> StoreCounts {
        try await store.counts()
    }
}

/// One page of a search's listing.
public struct Listing: Sendable {
    public var people: [PersonView]
    /// How many people the search matches within the reader's scope.
    public var total: Int
    /// Where this page starts among them.
    public var offset: Int
}

/// A reader's two daily allowances, as used so far.
public struct Allowances: Sendable, Hashable {
    public var read: ReadBudgetStatus
    public var listed: ReadBudgetStatus
}

/// What a read returned, and how much of the reader's daily budget is spent.
public struct Reading<Value: Sendable>: Sendable {
    public var value: Value
    public var budget: ReadBudgetStatus?

    init(value: Value, result: PeopleReadResult) {
        self.value = value
        budget = result.budgetLimit.map { ReadBudgetStatus(used: result.budgetUsed, limit: $0) }
    }
}

/// Distinct people read in the rolling day against the budget.
public struct ReadBudgetStatus: Sendable, Hashable, Codable {
    public var used: Int
    public var limit: Int

    /// At 80% the reader is warned.
    public var isNearlySpent: Bool { limit > 0 && used * 5 >= limit * 4 }
}
