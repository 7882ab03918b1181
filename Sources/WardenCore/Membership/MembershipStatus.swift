/// Where a membership is in its lifecycle.
///
/// Access depends on it (lost membership means lost access at the next request), so the
/// allowed moves are an explicit state machine: ``applying(_:)`` returns the next status
/// or says why the move is not allowed, and never touches storage.
public enum MembershipStatus: String, Sendable, Codable, CaseIterable {
    case active
    case inArrears = "in_arrears"
    case lapsed, resigned, expelled, suspended

    /// Members in good standing may hold grants above `member` and vote in selections.
    public var isInGoodStanding: Bool {
        self == .active || self == .inArrears
    }

    /// The status after `event`, or a ``MembershipTransitionError`` naming the refused move.
    public func applying(_ event: MembershipEvent) throws(MembershipTransitionError) -> MembershipStatus {
        switch (self, event) {
        case (.active, .paymentMissed): return .inArrears
        case (.inArrears, .paymentReceived), (.lapsed, .paymentReceived): return .active
        case (.inArrears, .gracePeriodEnded): return .lapsed
        case (.active, .resigned), (.inArrears, .resigned), (.lapsed, .resigned), (.suspended, .resigned): return .resigned
        case (.active, .suspended), (.inArrears, .suspended): return .suspended
        case (.suspended, .reinstated): return .active
        case (.lapsed, .rejoined), (.resigned, .rejoined): return .active
        case (let from, .expelled) where from != .expelled: return .expelled
        default: throw MembershipTransitionError(from: self, event: event)
        }
    }

    /// Parses the spellings party exports use: `"Active"`, `"In Arrears"`, `"arrears"`, `"LAPSED"`.
    public init?(loosely text: some StringProtocol) {
        switch Normalize.letters(text) {
        case "ACTIVE", "CURRENT", "MEMBER": self = .active
        case "INARREARS", "ARREARS": self = .inArrears
        case "LAPSED": self = .lapsed
        case "RESIGNED": self = .resigned
        case "EXPELLED": self = .expelled
        case "SUSPENDED": self = .suspended
        default: return nil
        }
    }
}

/// Something that happens to a membership.
public enum MembershipEvent: String, Sendable, Codable, CaseIterable {
    case paymentMissed = "payment_missed"
    case paymentReceived = "payment_received"
    case gracePeriodEnded = "grace_period_ended"
    case resigned, suspended, reinstated, rejoined, expelled
}

/// A membership move the lifecycle does not allow, such as reinstating an expelled member.
public struct MembershipTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var from: MembershipStatus
    public var event: MembershipEvent
    public var description: String { "a \(from.rawValue) membership cannot be \(event.rawValue.replacingUnderscores)" }
}

extension String {
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
