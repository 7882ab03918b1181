public import WardenCore
public import WardenServices

/// Fills a new Warden with the synthetic constituency and one demo account per role.
public enum DemoSeeder {
    /// The password of every demo account. Demo only: these accounts exist nowhere else.
    public static let password = "warden-demo-password"

    /// The administrator, created by `Warden.initialise` before seeding.
    public static let administrator = "admin"

    /// The demo log's origin, so its checkpoints are never taken for a real party's.
    public static let origin = "demo.warden.local/audit"

    /// The demo accounts: username, role, and a description of the grant's scope.
    public static let accounts: [(username: String, role: Role, scope: String)] =
        [(administrator, .administrator, "whole party")] + plan.map { ($0.username, $0.role, $0.scopeName) }

    struct PlannedAccount {
        var username: String
        var role: Role
        var scope: (AreaLevel, String)?
        var purpose: Purpose
        var scopeName: String
    }

    static let plan: [PlannedAccount] = [
        PlannedAccount(username: "dpo", role: .dataProtectionOfficer, scope: (.nation, DemoConstituency.nationCode), purpose: .dataProtection, scopeName: "whole party"),
        // Over the whole party, so the demo's membership office takes payments reports and sets the grace periods.
        PlannedAccount(username: "secretary", role: .membershipSecretary, scope: (.nation, DemoConstituency.nationCode),
                       purpose: .membershipAdministration, scopeName: "whole party"),
        PlannedAccount(username: "campaign", role: .campaignManager, scope: (.constituency, DemoConstituency.constituencyCode),
                       purpose: .campaignPlanning, scopeName: "the constituency"),
        PlannedAccount(username: "organiser", role: .organiser, scope: (.ward, DemoConstituency.firstWardCode),
                       purpose: .campaignPlanning, scopeName: "ward \(DemoConstituency.firstWardCode)"),
        PlannedAccount(username: "canvasser", role: .canvasser, scope: (.pollingDistrict, DemoConstituency.firstDistrictCode),
                       purpose: .canvassing, scopeName: "polling district \(DemoConstituency.firstDistrictCode)"),
        PlannedAccount(username: "member", role: .member, scope: nil, purpose: .selfService, scopeName: "own record"),
    ]

    /// Loads the constituency, creates the demo accounts other than the ``administrator``, sends
    /// and drafts the demo's mailings (``DemoMailings``), records its volunteers
    /// (``DemoVolunteers``) and events (``DemoEvents``), and opens the demo ballot (``DemoBallot``), its trustees' keys in `ballotKeys`.
    @discardableResult
    public static func seed(_ warden: Warden, constituency: DemoConstituency = DemoConstituency(), ballotKeys: String) async throws -> DemoBallot.Seeded {
        let actor = Actor.localOperator
        try await warden.log.setOrigin(LogOrigin(origin))
        _ = try await warden.areas.save(constituency.areas, actor: actor)
        _ = try await warden.imports.importRegister(entries: constituency.register, name: "demo-register-2026.csv", actor: actor)
        _ = try await warden.imports.importMembers(records: constituency.members, name: "demo-members.csv", actor: actor)
        var random = SeededGenerator(seed: 2026)
        _ = try await warden.imports.importPayments(
            payments: DemoPayments.payments(for: constituency.members, today: Timestamp.now.date, random: &random), name: "demo-direct-debits.csv",
            actor: actor)
        let areas = try await warden.areas.all()
        // Each demo account belongs to an active member, so that changing that member's
        // status shows access ending at the next request.
        let active = constituency.members.filter { $0.status == .active }
        try await warden.accounts.setDataProtectionEmail("dpo@example.org", actor: actor)
        for (index, account) in plan.enumerated() {
            let scopeID = account.scope.flatMap { level, code in areas.first { $0.level == level && $0.code == code }?.id }
            let person = try await warden.people.search(
                PeopleQuery(text: active[index % active.count].membershipNumber), actor: actor, purpose: .accountAdministration
            ).value.first?.id
            _ = try await warden.accounts.create(
                username: account.username, password: password,
                grants: [GrantRequest(role: account.role, scopeAreaID: scopeID, purpose: account.purpose, reason: "demo account",
                                      bootstrapApprovedBy: "warden demo")],
                personID: person, actor: actor)
            if account.role.needsSecondFactor {
                _ = try await warden.accounts.enrolSecondFactor(username: account.username, actor: actor)
            }
        }
        _ = try await warden.accounts.enrolSecondFactor(username: administrator, actor: actor)
        try await DemoCanvass.seed(warden, canvasser: "canvasser", password: password)
        try await DemoMailings.seed(warden)
        try await DemoVolunteers.seed(warden, members: constituency.members)
        try await DemoEvents.seed(warden)
        return try await DemoBallot.seed(warden, members: constituency.members, keyDirectory: ballotKeys, random: &random)
    }
}
