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
}

extension Purpose {
    /// The purpose that goes with an actor's main role, when a request states none.
    public static func `default`(for actor: Actor) -> Purpose {
        let roles = actor.roles
        if roles.contains(.dataProtectionOfficer) { return .dataProtection }
        if roles.contains(.membershipSecretary) { return .membershipAdministration }
        if roles.contains(.organiser) || roles.contains(.campaignManager) { return .campaignPlanning }
        if roles.contains(.canvasser) { return .canvassing }
        if roles.contains(.administrator) { return .accountAdministration }
        return .selfService
    }
}
