public import WardenCore
@_spi(Gate) public import WardenStore

/// Investigations and rollback read whole versions of people's records: the data protection
/// officer's (or the local operator's) reads, each recorded with what it found in the same
/// transaction.
extension Gate {
    /// Versions `account` made in `[from, to]`, oldest first, and with `histories` every version
    /// of each person among them (what a rollback plans from). `question` describes the read
    /// in the audit entry, which adds how many changes were found and names their people.
    public func changes(
        by account: AccountID, from: Timestamp, to: Timestamp, histories: Bool, question: String, actor: Actor
    ) async throws -> AccountChanges {
        let event = try await investigation(question, actor: actor)
        return try await store.changes(byAccount: account, from: from, to: to, histories: histories) { found in
            Self.describe(event, found)
        }
    }

    /// Contact-detail changes in `areas` during `[from, to]` made by anyone other than the person.
    public func contactChanges(in areas: Set<AreaID>, from: Timestamp, to: Timestamp, question: String, actor: Actor) async throws -> [VersionChange] {
        let event = try await investigation(question, actor: actor)
        return try await store.contactChanges(in: areas, from: from, to: to) { found in Self.describe(event, found) }
    }

    /// Every version of `person` and every audit entry naming them, oldest first.
    public func history(of person: PersonID, actor: Actor) async throws -> (versions: [VersionChange], events: [LoggedEvent]) {
        var event = try await investigation("history of a person", actor: actor)
        event.people = [person]
        return try await store.history(of: person, audit: event)
    }

    /// The audit entry of an investigation by `actor`, or a recorded refusal unless `actor` is
    /// the DPO or the local operator.
    private func investigation(_ question: String, actor: Actor) async throws -> AuditEvent {
        try await requireDataProtectionOfficer(actor, detail: question, "only the data protection officer investigates")
        return AuditEvent(actor: actor, action: .investigation, purpose: .dataProtection, detail: question)
    }

    /// `event` completed with what the read found: how many changes, and whose.
    private static func describe(_ event: AuditEvent, _ found: [VersionChange]) -> AuditEvent {
        var event = event
        event.detail += ": \(found.count) changes"
        event.people = Array(Set(found.map(\.version.personID))).sorted { $0.rawValue < $1.rawValue }
        return event
    }
}
