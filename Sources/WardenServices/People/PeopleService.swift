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
