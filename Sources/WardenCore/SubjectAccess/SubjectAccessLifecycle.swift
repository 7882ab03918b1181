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
        guard allowed(in: case_.state).contains(step.name) else {
            throw WardenError.conflict("case \(case_.id) is \(case_.state.words): too late or too early to \(step.name.action)")
        }
        var moved = case_
        switch step {
        case .verifyIdentity(let method):
            moved.identityCheck = .init(method: try text(method, "method"), by: actor, at: instant)
            moved.state = .identityVerified
        case .confirmSubjects(let people):
            guard !people.isEmpty else { throw WardenError.invalidRequest("people: confirm at least one person record") }
            moved.subjects = Array(Set(people)).sorted()
        case .prepare:
            guard !case_.subjects.isEmpty else {
                throw WardenError.conflict("case \(case_.id): confirm whose records it covers before preparing the answer")
            }
            moved.state = .inPreparation
        case .extend(let months, let reason, let toldOn):
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
            moved.outcome = try text(how, "how")
            moved.state = .sent
        case .refuse(let ground, let reason):
            moved.refusalGround = ground
            moved.outcome = try text(reason, "reason")
            moved.state = .refused
        case .close:
            moved.state = .closed
            moved.closedAt = instant
        }
        return moved
    }

    /// The steps a case in `state` may take: the diagram above.
    public static func allowed(in state: SubjectAccessState) -> Set<StepName> {
        switch state {
        case .received: [.verifyIdentity, .confirmSubjects, .extend, .refuse]
        case .identityVerified: [.confirmSubjects, .prepare, .extend, .refuse]
        case .inPreparation: [.confirmSubjects, .extend, .send, .refuse]
        case .sent, .refused: [.close]
        case .closed: []
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

extension SubjectAccessLifecycle {
    /// The steps by name, as a form or an API body names them.
    public enum StepName: String, Sendable, Codable, CaseIterable {
        case verifyIdentity = "verify_identity"
        case confirmSubjects = "confirm_subjects"
        case prepare, extend, send, refuse, close

        /// What the step does, for messages: "too late or too early to …".
        public var action: String {
            switch self {
            case .verifyIdentity: "verify the requester's identity"
            case .confirmSubjects: "confirm whose records it covers"
            case .prepare: "prepare the answer"
            case .extend: "extend its deadline"
            case .send: "record the answer as sent"
            case .refuse: "refuse it"
            case .close: "close it"
            }
        }
    }
}

extension SubjectAccessLifecycle.Step {
    public var name: SubjectAccessLifecycle.StepName {
        switch self {
        case .verifyIdentity: .verifyIdentity
        case .confirmSubjects: .confirmSubjects
        case .prepare: .prepare
        case .extend: .extend
        case .send: .send
        case .refuse: .refuse
        case .close: .close
        }
    }

    /// The step `name` with its details, each required where the step needs it; an error
    /// naming the first missing one.
    public init(name: SubjectAccessLifecycle.StepName, method: String?, people: [PersonID]?, months: Int?, reason: String?,
                told: CalendarDate?, how: String?, ground: RefusalGround?) throws {
        func required<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw WardenError.invalidRequest("\(field): required to \(name.rawValue.replacingOccurrences(of: "_", with: " "))") }
            return value
        }
        switch name {
        case .verifyIdentity: self = .verifyIdentity(method: try required(method, "method"))
        case .confirmSubjects: self = .confirmSubjects(try required(people, "people"))
        case .prepare: self = .prepare
        case .extend:
            self = .extend(months: try required(months, "months"), reason: try required(reason, "reason"), requesterToldOn: try required(told, "told"))
        case .send: self = .send(how: try required(how, "how"))
        case .refuse: self = .refuse(try required(ground, "ground"), reason: try required(reason, "reason"))
        case .close: self = .close
        }
    }
}
