public import WardenCore
import WardenGate
import WardenStore

/// Undoes one account's changes in a time window: each contact detail it changed goes back
/// to its value before the account's first change, as a new version attributed to whoever
/// runs the rollback, with a reason, so the history keeps both the damage and the repair.
///
/// Where someone else changed the same field after the account did (the member correcting
/// their own email, say), that field is reported and left alone unless `force` is given.
/// Only contact details (email, phone, postal address) are rolled back; other fields an
/// account cannot change through Warden, and any found are reported.
///
/// The restoration is written with the source `.restored`, so its notices go only to the
/// restored contact points ("your details were put back", no link), and notices still queued
/// for the contact points the account planted are withdrawn: those belong to the intruder.
public struct RollbackService: Sendable {
    let gate: Gate
    let store: any AccountStore & LogStore
    let people: PeopleService

    public func run(
        account username: String, from: Timestamp, to: Timestamp, reason: String, force: Bool = false, dryRun: Bool = false,
        actor: Actor
    ) async throws -> RollbackReport {
        try await gate.requireDataProtectionOfficer(actor, detail: "rollback", "only the data protection officer rolls back changes")
        guard let account = try await store.accountID(username: username) else { throw WardenError.notFound("no account \(username)") }
        let found = try await gate.changes(by: account, from: from, to: to, histories: true,
                                           question: "rollback of \(username) \(from)–\(to): changes read", actor: actor)
        let window = found.window
        var items: [RollbackReport.Item] = []
        for personID in Self.orderedPeople(window) {
            let mine = Set(window.filter { $0.version.personID == personID }.map(\.version.id))
            let (personItems, edits) = plan(found.histories[personID] ?? [], mine: mine, force: force)
            items += personItems
            guard !dryRun, !edits.isEmpty else { continue }
            _ = try await people.changeContacts(
                of: personID, edits: edits, reason: "rollback of \(username)'s changes \(from)–\(to): \(reason)",
                actor: actor, purpose: .dataProtection, source: .restored)
        }
        let report = RollbackReport(account: username, from: from, to: to, dryRun: dryRun, items: items)
        try await store.append(AuditEvent(
            actor: actor, action: .rollback, purpose: .dataProtection,
            detail: "rollback of \(username) \(from)–\(to)\(dryRun ? " (dry run)" : ""): \(report.count(.restored)) restored, \(report.count(.conflict)) conflicts",
            people: Self.orderedPeople(window)))
        return report
    }

    /// For one person's history: what to restore, and the edits that do it.
    func plan(_ history: [VersionChange], mine: Set<Int64>, force: Bool) -> ([RollbackReport.Item], [ContactEdit]) {
        guard let firstMine = history.firstIndex(where: { mine.contains($0.version.id) }) else { return ([], []) }
        let person = history[firstMine].version.personID
        let prior = history[firstMine].previous
        guard let current = history.last?.version.state else { return ([], []) }
        let fields = history.filter { mine.contains($0.version.id) }.flatMap(\.version.fields)
        var items: [RollbackReport.Item] = []
        var edits: [ContactEdit] = []
        for field in Self.unique(fields) {
            guard let key = PersonState.Key(rawValue: field), let kind = key.contactKind else {
                items.append(.init(personID: person, field: field, outcome: .notRestorable))
                continue
            }
            let later = history[firstMine...].filter { !mine.contains($0.version.id) && $0.version.fields.contains(field) }
            if !later.isEmpty, !force {
                items.append(.init(personID: person, field: field, outcome: .conflict, laterBy: Self.unique(later.map(\.version.actor))))
                continue
            }
            let before = prior?.contactPoints(key).map(\.value) ?? []
            if before == current.contactPoints(key).map(\.value) {
                items.append(.init(personID: person, field: field, outcome: .unchanged))
                continue
            }
            edits.append(ContactEdit(restoring: kind, value: before.first))
            items.append(.init(personID: person, field: field, outcome: .restored))
        }
        return (items, edits)
    }

    private static func orderedPeople(_ changes: [VersionChange]) -> [PersonID] {
        unique(changes.map(\.version.personID))
    }

    private static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}
