import Foundation

/// A subject access case's lifecycle as a state machine: each step checks the case and
/// returns it moved on, so every rule is unit-tested without a database.
///
/// ```
/// received ──verify identity──▶ identity verified ──prepare──▶ in preparation ──send──▶ sent ──close──▶ closed
///     └───────────────┴───────────refuse (ground, reason)──────────┴──▶ refused ──close──▶ closed
/// ```
/// While an answer is owed the deadline may be extended once (Art. 12(3)), and the person
/// records it covers may be confirmed; preparing needs at least one.
public enum SubjectAccessLifecycle {
    /// One move of a case.
    public enum Step: Sendable, Hashable {
        case verifyIdentity(method: String)
        case confirmSubjects([PersonID])
        case prepare
        case extend(months: Int, reason: String, requesterToldOn: CalendarDate)
        case send(how: String)
        case refuse(RefusalGround, reason: String)
        case close

        /// The step in words, for the log entry that records it.
        public var words: String {
            switch self {
            case .verifyIdentity: "identity verified"
            case .confirmSubjects(let people): "\(people.count) person record(s) confirmed"
            case .prepare: "in preparation"
            case .extend(let months, _, _): "extended by \(months) month(s)"
            case .send: "sent"
            case .refuse(let ground, _): "refused (\(ground.rawValue))"
            case .close: "closed"
            }
        }
    }

    /// The longest free text a step records (a method, a reason, how an answer was sent).
    public static let maximumTextLength = 500

    /// `case_` after `step`, taken by `actor` at `instant`; throws a conflict when the case's
    /// state does not allow it and an invalid request when the step's own text or dates are wrong.
    public static func apply(_ step: Step, to case_: SubjectAccessCase, by actor: String, at instant: Timestamp) throws -> SubjectAccessCase {
        var moved = case_
        switch step {
        case .verifyIdentity(let method):
            try require(case_, in: [.received], to: "verify the requester's identity")
            moved.identityCheck = .init(method: try text(method, "method"), by: actor, at: instant)
            moved.state = .identityVerified
        case .confirmSubjects(let people):
            try require(case_, in: [.received, .identityVerified, .inPreparation], to: "confirm whose records it covers")
            guard !people.isEmpty else { throw WardenError.invalidRequest("people: confirm at least one person record") }
            moved.subjects = Array(Set(people)).sorted()
        case .prepare:
            try require(case_, in: [.identityVerified], to: "prepare the answer")
            guard !case_.subjects.isEmpty else {
                throw WardenError.conflict("case \(case_.id): confirm whose records it covers before preparing the answer")
            }
            moved.state = .inPreparation
        case .extend(let months, let reason, let toldOn):
            try require(case_, in: [.received, .identityVerified, .inPreparation], to: "extend its deadline")
            guard case_.extended == nil else { throw WardenError.conflict("case \(case_.id) has already been extended") }
            guard (1...SubjectAccessDeadline.maximumExtensionMonths).contains(months) else {
                throw WardenError.invalidRequest("months: 1 or \(SubjectAccessDeadline.maximumExtensionMonths)")
            }
            guard toldOn >= case_.receivedOn, toldOn <= instant.date else {
                throw WardenError.invalidRequest("told: between the date received and today")
            }
            guard toldOn <= case_.dueOn else {
                throw WardenError.invalidRequest("told: the requester must be told of an extension within the first month (by \(case_.dueOn))")
            }
            moved.extended = .init(months: months, reason: try text(reason, "reason"), requesterToldOn: toldOn)
        case .send(let how):
            try require(case_, in: [.inPreparation], to: "record the answer as sent")
            moved.outcome = try text(how, "how")
            moved.state = .sent
        case .refuse(let ground, let reason):
            try require(case_, in: [.received, .identityVerified, .inPreparation], to: "refuse it")
            moved.refusalGround = ground
            moved.outcome = try text(reason, "reason")
            moved.state = .refused
        case .close:
            try require(case_, in: [.sent, .refused], to: "close it")
            moved.state = .closed
            moved.closedAt = instant
        }
        return moved
    }

    private static func require(_ case_: SubjectAccessCase, in states: Set<SubjectAccessState>, to action: String) throws {
        guard states.contains(case_.state) else {
            throw WardenError.conflict("case \(case_.id) is \(case_.state.words): too late or too early to \(action)")
        }
    }

    /// `value` trimmed and neutralised for display, or an error naming `field`.
    static func text(_ value: String, _ field: String) throws -> String {
        let trimmed = SafeText.line(value).trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maximumTextLength else {
            throw WardenError.invalidRequest("\(field): say it in 1 to \(maximumTextLength) characters")
        }
        return trimmed
    }
}
