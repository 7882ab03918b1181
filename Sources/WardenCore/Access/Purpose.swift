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
