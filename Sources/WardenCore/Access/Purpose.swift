/// Why personal data is being processed. Every call through the Gate states one, and it is
/// recorded with the access, because lawful processing is purpose-bound (UK GDPR Art. 5(1)(b)).
public enum Purpose: String, Sendable, Codable, CaseIterable {
    case membershipAdministration = "membership_administration"
    case canvassing
    case campaignPlanning = "campaign_planning"
    case dataProtection = "data_protection"
    case accountAdministration = "account_administration"
    case registerMaintenance = "register_maintenance"
    case selfService = "self_service"
    /// Answering a subject access request (Art. 15): the DPO's grant serves it too
    /// (``AccessPolicy/serves(_:_:)``).
    case subjectAccess = "subject_access"
}

extension Purpose {
    /// The purpose a role's grants are usually for.
    public static func usual(for role: Role) -> Purpose {
        switch role {
        case .member: .selfService
        case .canvasser: .canvassing
        case .organiser, .campaignManager: .campaignPlanning
        case .membershipSecretary: .membershipAdministration
        case .dataProtectionOfficer: .dataProtection
        case .administrator: .accountAdministration
        }
    }

    /// The purpose of the actor's first grant that reads people, when a request states none.
    public static func `default`(for actor: Actor) -> Purpose {
        let readers = actor.grants.filter { !AccessPolicy.readableFields(for: $0.role).isEmpty }
        return (readers.first ?? actor.grants.first)?.purpose ?? .selfService
    }
}
