import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Imports are Gate operations: the operator acts through the import's purpose, and an
/// account needs a whole-party membership secretary grant for it (one a second person
/// approved); anyone else is refused, recorded, and nothing is imported.
@Suite("Imports through the Gate")
struct ImportGateTests {
    static let register = """
        Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2
        AA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,Town
        """

    func secretary(scope: AreaID?, purpose: Purpose) -> Actor {
        let now = Timestamp.now
        return Actor(kind: .account(AccountID(77), username: "sec"), grants: [
            Grant(id: 7, accountID: AccountID(77), role: .membershipSecretary, scopeAreaID: scope, purpose: purpose,
                  grantedBy: "admin", reason: "test", startsAt: now, expiresAt: now.adding(days: 1)),
        ])
    }

    @Test func aSecretaryForOneConstituencyIsRefusedAndTheRefusalRecorded() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let constituency = try #require(try await test.warden.areas.all().first { $0.code == "C" }?.id)
        let path = try test.write("register.csv", Self.register)
        await #expect(throws: WardenError.forbidden("importing needs a whole-party membership secretary grant for register maintenance")) {
            _ = try await test.warden.imports.importRegister(path: path, actor: secretary(scope: constituency, purpose: .registerMaintenance))
        }
        #expect(try await test.warden.people.counts().people == 0)
        let trail = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
        #expect(trail.contains { $0.action == .import && $0.outcome == .refused && $0.actor == "sec" })
    }

    @Test func aWholePartySecretaryForTheImportsPurposeImports() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        let path = try test.write("register.csv", Self.register)
        // The purpose must be the import's: membership administration does not cover the register.
        await #expect(throws: WardenError.self) {
            _ = try await test.warden.imports.importRegister(path: path, actor: secretary(scope: nil, purpose: .membershipAdministration))
        }
        let report = try await test.warden.imports.importRegister(path: path, actor: secretary(scope: nil, purpose: .registerMaintenance))
        #expect(report.added == 1)
        #expect(try await test.warden.people.counts().people == 1)
    }
}
