import Foundation
public import WardenCore
public import WardenGate
import WardenStore

/// Subject access requests, from the day one arrives to the day its case closes: the DPO
/// opens a case, checks the requester's identity, finds and confirms their person records,
/// and answers within the legal deadline, which an alert guards (``raiseDueAlerts(on:actor:)``).
///
/// Only the data protection officer (or the local operator) handles cases; anyone else is
/// refused through the Gate, on the record. Every step is one transaction with its log entry.
public struct SubjectAccessService: Sendable {
    let gate: Gate
    let store: any SubjectAccessStore & KeyStore & LogStore
    let log: LogService

    /// The longest requester name a case keeps.
    public static let maximumRequesterLength = 200

    /// Opens a case for a request from `requester` that arrived through `channel` on `receivedOn`.
    public func open(requester: String, channel: SubjectAccessChannel, receivedOn: CalendarDate, actor: Actor) async throws -> SubjectAccessCase {
        try await requireOfficer(actor, "open a case")
        let name = SafeText.line(requester).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= Self.maximumRequesterLength else {
            throw WardenError.invalidRequest("requester: a name of 1 to \(Self.maximumRequesterLength) characters")
        }
        let now = Timestamp.now
        guard receivedOn <= now.date else { throw WardenError.invalidRequest("received: not a date in the future") }
        let draft = SubjectAccessCase(id: SubjectAccessCaseID(0), requester: name, channel: channel, receivedOn: receivedOn,
                                      openedBy: actor.label, openedAt: now)
        return try await store.openSubjectAccessCase(draft, audit: event(actor, "subject access case: opened", at: now))
    }

    /// Cases still owed an answer, soonest due first (the DPO's dashboard); with `all`, every case, newest first.
    public func cases(all: Bool = false, limit: Int = 10_000, actor: Actor) async throws -> [SubjectAccessCase] {
        try await requireOfficer(actor, "list cases")
        return try await store.subjectAccessCases(all: all, limit: limit)
    }

    /// One case, as it stands.
    public func `case`(_ id: SubjectAccessCaseID, actor: Actor) async throws -> SubjectAccessCase {
        try await requireOfficer(actor, "read a case")
        return try await found(id)
    }

    /// Moves case `id` one step (``SubjectAccessLifecycle``) and records it.
    public func move(_ id: SubjectAccessCaseID, _ step: SubjectAccessLifecycle.Step, actor: Actor) async throws -> SubjectAccessCase {
        try await requireOfficer(actor, "move a case")
        let current = try await found(id)
        let now = Timestamp.now
        let moved = try SubjectAccessLifecycle.apply(step, to: current, by: actor.label, at: now)
        var audit = event(actor, "subject access case \(id): \(step.words)", at: now)
        if case .confirmSubjects = step { audit.people = moved.subjects }
        guard try await store.moveSubjectAccessCase(moved, from: current, audit: audit) else {
            throw WardenError.conflict("case \(id) changed while you were acting on it: look again and retry")
        }
        var stored = moved
        stored.revision += 1
        return stored
    }

    /// The people who may be the requester of case `id`: a search by name (or any text a
    /// search takes) narrowed by a second fact, under the purpose "subject access". The
    /// candidates are recorded as read, with the case, in the log.
    public func candidates(for id: SubjectAccessCaseID, _ query: PeopleQuery, actor: Actor) async throws -> [PersonView] {
        try await requireOfficer(actor, "search for the requester")
        let current = try await found(id)
        guard current.state.awaitsAnswer else {
            throw WardenError.conflict("case \(id) is \(current.state.words): no search is needed")
        }
        let result = try await gate.read(.search(query), actor: actor, purpose: .subjectAccess, action: .search,
                                         detail: "subject access case \(id): search")
        return try result.people.map { try gate.view($0.record, fields: $0.fields) }
    }

    /// Raises the alerts owed on `today`: for each case owed an answer, one when it is due within
    /// ``SubjectAccessDeadline/warningDays`` and one when it is overdue, once per due date.
    /// Returns how many were raised. The server runs this on its schedule; so can `warden sar alerts`.
    @discardableResult
    public func raiseDueAlerts(on today: CalendarDate, actor: Actor) async throws -> Int {
        var raised = 0
        for case_ in try await store.subjectAccessCases(owedBy: today.adding(days: SubjectAccessDeadline.warningDays)) {
            guard let kind = case_.dueAlert(on: today) else { continue }
            let left = case_.daysLeft(on: today)
            let detail = switch kind {
            case .dueSoon: "subject access case \(case_.id) is due on \(case_.dueOn): \(left) day(s) left"
            case .overdue: "subject access case \(case_.id) was due on \(case_.dueOn) and is \(-left) day(s) overdue"
            }
            let alert = AlertDraft(kind: .subjectAccessDue, accountID: nil, actor: actor.label, detail: detail)
            if try await store.raiseSubjectAccessAlert(alert, for: case_, kind: kind, audit: event(actor, detail, at: .now)) {
                raised += 1
            }
        }
        return raised
    }

    func found(_ id: SubjectAccessCaseID) async throws -> SubjectAccessCase {
        guard let found = try await store.subjectAccessCase(id) else { throw WardenError.notFound("no subject access case \(id)") }
        return found
    }

    private func event(_ actor: Actor, _ detail: String, at instant: Timestamp) -> AuditEvent {
        AuditEvent(at: instant, actor: actor, action: .subjectAccess, purpose: .subjectAccess, detail: detail)
    }

    /// Throws (and records the refusal) unless `actor` is the DPO or the local operator.
    func requireOfficer(_ actor: Actor, _ what: String) async throws {
        try await gate.requireDataProtectionOfficer(actor, purpose: .subjectAccess, detail: "subject access: \(what)",
                                                    "only the data protection officer handles subject access requests")
    }
}
