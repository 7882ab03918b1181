public import WardenCore
import WardenStore

/// Finding and reading people, always through the ``Gate``.
public struct PeopleService: Sendable {
    let gate: Gate
    let store: any WardenStore

    /// People matching `query`, each reduced to the fields `actor` may read.
    public func search(_ query: PeopleQuery, actor: Actor, purpose: Purpose) async throws -> [PersonView] {
        let permit = try await gate.permit(.search, actor: actor, purpose: purpose, detail: "people search")
        return try await store.searchPeople(query, audit: permit.event).map { PersonView($0, fields: permit.fields) }
    }

    /// One person reduced to the fields `actor` may read. "Absent" and "not yours to see"
    /// give the same answer, so a refusal never says whether someone exists.
    public func person(_ id: PersonID, actor: Actor, purpose: Purpose) async throws -> PersonView {
        let permit = try await gate.permit(.read, actor: actor, purpose: purpose, detail: "person")
        guard let record = try await store.personRecord(id, audit: permit.event) else {
            throw WardenError.notFound("no such person, or not one you may see")
        }
        return PersonView(record, fields: permit.fields)
    }

    /// Aggregate counts: no one's personal data, so any signed-in actor may see them.
    public func counts() async throws -> StoreCounts {
        try await store.counts()
    }
}
