/// What an account may do, held through a grant scoped to an area or a walk list.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Their own record only.
    case member
    /// People on their active walk lists only.
    case canvasser
    /// A ward.
    case organiser
    /// A constituency's members.
    case membershipSecretary = "membership_secretary"
    /// A constituency or region, aggregates.
    case campaignManager = "campaign_manager"
    /// Audit, subject access, incidents, export approval.
    case dataProtectionOfficer = "data_protection_officer"
    /// Accounts and grants; reads no personal data by default.
    case administrator

    /// Every role above member must sign in with a second factor.
    public var needsSecondFactor: Bool { self != .member }

    /// A label for pages and the CLI.
    public var title: String {
        switch self {
        case .member: "Member"
        case .canvasser: "Canvasser"
        case .organiser: "Organiser"
        case .membershipSecretary: "Membership secretary"
        case .campaignManager: "Campaign manager"
        case .dataProtectionOfficer: "Data protection officer"
        case .administrator: "Administrator"
        }
    }
}
