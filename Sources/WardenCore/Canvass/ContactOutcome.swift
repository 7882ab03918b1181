/// What happened at one attempt to reach a person: the quick answers on the doorstep page.
public enum ContactOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Spoke to them: the survey may be answered.
    case spoke
    case notIn = "not_in"
    case refused
    case moved
    case comeBack = "come_back"

    /// A label for buttons and reports.
    public var title: String {
        switch self {
        case .spoke: "Spoke"
        case .notIn: "Not in"
        case .refused: "Refused"
        case .moved: "Moved"
        case .comeBack: "Come back later"
        }
    }

    /// Counts as a contact made, for the contact rate.
    public var isContact: Bool { self == .spoke }
}

/// How the attempt was made.
public enum ContactChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case door, phone
}
