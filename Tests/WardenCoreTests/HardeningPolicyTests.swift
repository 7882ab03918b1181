import Foundation
import Testing
import WardenCore

/// The access rules the attack broke, each with its allowed and refused case.
@Suite("Hardening: access policy")
struct HardeningPolicyTests {
    let ward = AreaID(4), constituency = AreaID(3), nation = AreaID(1)

    func grant(_ role: Role, area: AreaID?, list: WalkListID? = nil, holder: AccountID = AccountID(1)) -> Grant {
        Grant(id: 1, accountID: holder, role: role, scopeAreaID: area, scopeWalkListID: list, purpose: .usual(for: role),
              grantedBy: "t", reason: "t", startsAt: .now, expiresAt: Timestamp.now.adding(days: 1))
    }

    func actor(_ grants: Grant..., account: AccountID = AccountID(1), username: String = "ann") -> Actor {
        Actor(kind: .account(account, username: username), grants: grants)
    }

    @Test func aCanvasserSeesOnlyTheElectorsAtTheDoorsOfTheirList() {
        let list = WalkListID(7)
        let canvasser = actor(grant(.canvasser, area: nil, list: list))
        let elector = Placement(person: PersonID(1), areas: [ward], walkLists: [list], isElector: true, isMember: true)
        let memberOnly = Placement(person: PersonID(2), areas: [ward], walkLists: [list], isElector: false, isMember: true)
        #expect(AccessPolicy.readableFields(of: elector, actor: canvasser, purpose: .canvassing) == AccessPolicy.readableFields(for: .canvasser))
        #expect(AccessPolicy.readableFields(of: memberOnly, actor: canvasser, purpose: .canvassing).isEmpty)
    }

    @Test func theMembershipSecretaryReadsAndChangesMembersOnly() {
        let secretary = actor(grant(.membershipSecretary, area: constituency))
        let member = Placement(person: PersonID(1), areas: [ward, constituency], isElector: true, isMember: true)
        let elector = Placement(person: PersonID(2), areas: [ward, constituency], isElector: true, isMember: false)
        #expect(!AccessPolicy.readableFields(of: member, actor: secretary, purpose: .membershipAdministration).isEmpty)
        #expect(AccessPolicy.readableFields(of: elector, actor: secretary, purpose: .membershipAdministration).isEmpty)
        #expect(AccessPolicy.contactChangeGrant(of: member, actor: secretary, purpose: .membershipAdministration) != nil)
        #expect(AccessPolicy.contactChangeGrant(of: elector, actor: secretary, purpose: .membershipAdministration) == nil)
        let scope = AccessPolicy.searchScope(for: secretary, purpose: .membershipAdministration)
        #expect(scope.memberAreas == [constituency] && scope.areas.isEmpty && !scope.everyone)
    }

    @Test func areasOutsideTheHomeAreShownOnlyToReadersOfTheBranch() {
        let district = Area(id: AreaID(5), level: .pollingDistrict, code: "AA", name: "North AA", parentID: ward)
        let north = Area(id: ward, level: .ward, code: "W1", name: "North", parentID: constituency)
        let south = Area(id: AreaID(6), level: .ward, code: "W2", name: "South", parentID: constituency)
        let record = PersonRecord(
            person: Person(id: PersonID(1), name: PersonName(forenames: "Ann", surname: "Lee")), address: nil, elector: nil,
            member: Member(personID: PersonID(1), membershipNumber: "M1", status: .active, joinedOn: nil, statusSince: nil,
                           branchWardID: south.id, dues: nil),
            contactPoints: nil, homeAreas: [district, north], branchAreas: [south])
        let canvasserView = PersonView(record, fields: AccessPolicy.readableFields(for: .canvasser))
        #expect(canvasserView.areas.map(\.id) == [district.id, north.id])
        let organiserView = PersonView(record, fields: AccessPolicy.readableFields(for: .organiser))
        #expect(organiserView.areas.map(\.id) == [district.id, north.id, south.id])
        #expect(organiserView.branch == "South")
    }

    // MARK: Grants

    let wardArea = Area(id: AreaID(4), level: .ward, code: "W1", name: "North", parentID: AreaID(3))
    let nationArea = Area(id: AreaID(1), level: .nation, code: "E", name: "England", parentID: nil)

    func request(_ role: Role, area: AreaID?) -> GrantRequest {
        GrantRequest(role: role, scopeAreaID: area, purpose: .usual(for: role), reason: "r")
    }

    @Test func nobodyGrantsThemselvesARoleThatReadsPeople() throws {
        let admin = actor(grant(.administrator, area: nil), account: AccountID(1), username: "admin")
        #expect(throws: WardenError.self) {
            try GrantPolicy.review(request(.organiser, area: ward), holder: AccountID(1), holderName: "admin", area: wardArea, by: admin)
        }
        // To someone else, a ward organiser grant is in force at once and tells nobody.
        let other = try GrantPolicy.review(request(.organiser, area: ward), holder: AccountID(2), holderName: "bo", area: wardArea, by: admin)
        #expect(!other.request.needsApproval)
        #expect(other.alert == nil)
        // A role that reads no one may be taken by oneself, but it is alerted and waits for a second person.
        let own = try GrantPolicy.review(request(.campaignManager, area: ward), holder: AccountID(1), holderName: "admin", area: wardArea, by: admin)
        #expect(own.request.needsApproval)
        #expect(own.alert?.contains("themselves") == true)
    }

    @Test func aGrantThatReadsPeopleNamesItsArea() throws {
        let admin = actor(grant(.administrator, area: nil), username: "admin")
        #expect(throws: WardenError.invalidRequest("area: a grant that reads people's records names the area it covers")) {
            try GrantPolicy.review(request(.organiser, area: nil), holder: AccountID(2), holderName: "bo", area: nil, by: admin)
        }
        #expect(throws: WardenError.notFound("no such area")) {
            try GrantPolicy.review(request(.organiser, area: AreaID(999)), holder: AccountID(2), holderName: "bo", area: nil, by: admin)
        }
        // A member's own record needs no area.
        let member = try GrantPolicy.review(request(.member, area: nil), holder: AccountID(2), holderName: "bo", area: nil, by: admin)
        #expect(!member.request.needsApproval && member.alert == nil)
    }

    @Test func aWholePartyGrantWaitsForASecondPersonAndIsAlerted() throws {
        let admin = actor(grant(.administrator, area: nil), username: "admin")
        let national = try GrantPolicy.review(request(.organiser, area: nation), holder: AccountID(2), holderName: "bo", area: nationArea, by: admin)
        #expect(national.request.needsApproval)
        #expect(national.alert?.contains("whole-party") == true)
        let noArea = try GrantPolicy.review(request(.campaignManager, area: nil), holder: AccountID(2), holderName: "bo", area: nil, by: admin)
        #expect(noArea.request.needsApproval && noArea.alert != nil)
    }

    @Test func revokingOversightIsAlertedAndOtherRevocationsAreNot() {
        let admin = actor(grant(.administrator, area: nil), username: "admin")
        #expect(GrantPolicy.revocationAlert(of: [grant(.dataProtectionOfficer, area: nation)], holderName: "dpo", by: admin) != nil)
        #expect(GrantPolicy.revocationAlert(of: [grant(.administrator, area: nil)], holderName: "a2", by: admin) != nil)
        #expect(GrantPolicy.revocationAlert(of: [grant(.organiser, area: ward)], holderName: "bo", by: admin) == nil)
    }

    @Test func alertsAboutAnActorAreClosedBySomeoneElse() {
        let dpo = actor(grant(.dataProtectionOfficer, area: nation), account: AccountID(3), username: "dpo")
        let aboutDPO = Alert(id: 1, at: .now, kind: .enumeration, accountID: AccountID(3), actor: "dpo", detail: "d")
        let signInsAsDPO = Alert(id: 2, at: .now, kind: .failedSignIns, accountID: nil, actor: "dpo", detail: "d")
        let aboutOther = Alert(id: 3, at: .now, kind: .enumeration, accountID: AccountID(4), actor: "bo", detail: "d")
        #expect(!AccessPolicy.mayAcknowledge(aboutDPO, actor: dpo))
        #expect(!AccessPolicy.mayAcknowledge(signInsAsDPO, actor: dpo))
        #expect(AccessPolicy.mayAcknowledge(aboutOther, actor: dpo))
        #expect(!AccessPolicy.mayAcknowledge(aboutOther, actor: actor(grant(.organiser, area: ward))))
    }

    @Test func surveyAnswersDecodeWithOnlyWhatWasAnswered() throws {
        let answers = try JSONDecoder().decode(SurveyAnswers.self, from: Data(#"{"intention":"Green"}"#.utf8))
        #expect(answers.intention == "Green")
        #expect(answers.issues.isEmpty && answers.notes.isEmpty)
    }
}
