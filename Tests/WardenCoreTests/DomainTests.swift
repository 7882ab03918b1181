import Foundation
import Testing
import WardenCore
import WardenTestSupport

@Suite("Membership lifecycle")
struct MembershipStatusTests {
    @Test func allowsTheOrdinaryMoves() throws {
        #expect(try MembershipStatus.active.applying(.paymentMissed) == .inArrears)
        #expect(try MembershipStatus.inArrears.applying(.gracePeriodEnded) == .lapsed)
        #expect(try MembershipStatus.lapsed.applying(.paymentReceived) == .active)
        #expect(try MembershipStatus.active.applying(.suspended) == .suspended)
        #expect(try MembershipStatus.suspended.applying(.reinstated) == .active)
        #expect(try MembershipStatus.resigned.applying(.rejoined) == .active)
        #expect(try MembershipStatus.suspended.applying(.expelled) == .expelled)
    }

    @Test func refusesMovesOutOfExpulsion() {
        for event in MembershipEvent.allCases {
            #expect(throws: MembershipTransitionError.self) { try MembershipStatus.expelled.applying(event) }
        }
    }

    @Test func onlyActiveAndInArrearsAreInGoodStanding() {
        #expect(MembershipStatus.allCases.filter(\.isInGoodStanding) == [.active, .inArrears])
    }

    @Test func readsTheSpellingsExportsUse() {
        #expect(MembershipStatus(loosely: "In Arrears") == .inArrears)
        #expect(MembershipStatus(loosely: "LAPSED") == .lapsed)
        #expect(MembershipStatus(loosely: "gone") == nil)
    }
}

@Suite("Access policy")
struct AccessPolicyTests {
    @Test func aCanvasserNeverSeesContactsMembershipOrMoney() {
        let fields = AccessPolicy.readableFields(for: .canvasser)
        #expect(fields.contains(.address))
        #expect(!fields.contains(.emails))
        #expect(!fields.contains(.phones))
        #expect(!fields.contains(.dues))
        #expect(!fields.contains(.membershipStatus))
    }

    @Test func anAdministratorReadsNoPersonalData() {
        #expect(AccessPolicy.readableFields(for: .administrator).isEmpty)
        #expect(AccessPolicy.searchScope(for: Actor(kind: .account(AccountID(1), username: "a"), roles: [.administrator]), purpose: .accountAdministration).isEmpty)
    }

    @Test func campaignManagersAndAdministratorsReadNoOne() {
        #expect(AccessPolicy.readableFields(for: .campaignManager).isEmpty)
        #expect(AccessPolicy.readableFields(for: .administrator).isEmpty)
    }

    @Test func onlyTheMembershipSecretaryAndDPOAndTheMemberSeeDues() {
        let seeing = Role.allCases.filter { AccessPolicy.readableFields(for: $0).contains(.dues) }
        #expect(Set(seeing) == [.member, .membershipSecretary, .dataProtectionOfficer])
    }

    @Test func anActorSeesTheUnionOfItsGrantsThatCoverThePerson() {
        let north = AreaID(4), south = AreaID(5), constituency = AreaID(3)
        let list = WalkListID(7)
        func grant(_ role: Role, _ area: AreaID?, _ purpose: Purpose, list: WalkListID? = nil) -> Grant {
            Grant(id: 1, accountID: AccountID(1), role: role, scopeAreaID: area, scopeWalkListID: list, purpose: purpose, grantedBy: "t",
                  reason: "t", startsAt: .now, expiresAt: Timestamp.now.adding(days: 1))
        }
        let actor = Actor(kind: .account(AccountID(1), username: "a"),
                          grants: [grant(.canvasser, nil, .canvassing, list: list), grant(.organiser, south, .canvassing)])
        let inNorth = AccessPolicy.readableFields(of: .elector(PersonID(1), in: [north, constituency], walkLists: [list]), actor: actor, purpose: .canvassing)
        #expect(inNorth == AccessPolicy.readableFields(for: .canvasser))
        // Off the list, a canvasser sees nobody, and an area grant alone shows a canvasser nothing.
        #expect(AccessPolicy.readableFields(of: .elector(PersonID(1), in: [north, constituency], walkLists: [WalkListID(8)]), actor: actor, purpose: .canvassing).isEmpty)
        let standing = Actor(kind: .account(AccountID(1), username: "a"), grants: [grant(.canvasser, north, .canvassing)])
        #expect(AccessPolicy.readableFields(of: .elector(PersonID(1), in: [north]), actor: standing, purpose: .canvassing).isEmpty)
        #expect(AccessPolicy.searchScope(for: standing, purpose: .canvassing).isEmpty)
        let inSouth = AccessPolicy.readableFields(of: .elector(PersonID(2), in: [south, constituency]), actor: actor, purpose: .canvassing)
        #expect(inSouth == AccessPolicy.readableFields(for: .organiser))
        #expect(AccessPolicy.readableFields(of: .elector(PersonID(1), in: [north]), actor: actor, purpose: .membershipAdministration).isEmpty)
        #expect(AccessPolicy.readableFields(of: .elector(PersonID(3), in: [AreaID(9)]), actor: actor, purpose: .canvassing).isEmpty)
    }

    @Test func aMemberSeesOnlyTheirOwnRecord() {
        let actor = Actor(kind: .account(AccountID(1), username: "m"), roles: [.member], personID: PersonID(7))
        #expect(!AccessPolicy.readableFields(of: .elector(PersonID(7), in: []), actor: actor, purpose: .selfService).isEmpty)
        #expect(AccessPolicy.readableFields(of: .elector(PersonID(8), in: []), actor: actor, purpose: .selfService).isEmpty)
        #expect(AccessPolicy.searchScope(for: actor, purpose: .selfService).people == [PersonID(7)])
    }

    @Test func budgetsAreTheLargestOfTheRoles() {
        let actor = Actor(kind: .account(AccountID(1), username: "a"), roles: [.canvasser, .organiser])
        #expect(AccessPolicy.dailyBudget(for: actor) == AccessPolicy.dailyBudget(for: .organiser))
        #expect(AccessPolicy.dailyBudget(for: actor, overrides: [.organiser: 10, .canvasser: 20]) == 20)
        #expect(AccessPolicy.dailyBudget(for: Actor(kind: .localOperator("root"), roles: [])) == nil)
    }

    @Test func walkingThroughIdentifiersIsSpotted() {
        #expect(EnumerationDetector.isWalkingIdentifiers((100..<120).map { PersonID(Int64($0)) }))
        #expect(!EnumerationDetector.isWalkingIdentifiers((100..<110).map { PersonID(Int64($0)) }))
        #expect(!EnumerationDetector.isWalkingIdentifiers((0..<20).map { PersonID(Int64($0 * 97 % 31)) }))
    }

    @Test func grantsAboveOrganiserNeedApprovalAndPendingOnesAreNotInForce() {
        #expect(Role.allCases.filter(\.grantNeedsApproval) == [.membershipSecretary, .campaignManager, .dataProtectionOfficer, .administrator])
        let pending = Grant(id: 1, accountID: AccountID(1), role: .dataProtectionOfficer, scopeAreaID: nil, purpose: .dataProtection,
                            grantedBy: "a", reason: "r", startsAt: .now, expiresAt: Timestamp.now.adding(days: 1), needsApproval: true)
        #expect(!pending.isActive(at: .now))
        var approved = pending
        approved.approvedBy = "b"
        #expect(approved.isActive(at: .now))
        #expect(!approved.isActive(at: Timestamp.now.adding(days: 2)))
    }

    @Test func onlyOrganisersAndTheDPOReadSpecialCategoryData() {
        #expect(PersonField.allCases.filter { $0.dataClass == .specialCategory } == [.canvassResults])
        let readers = Role.allCases.filter { AccessPolicy.readableFields(for: $0).contains(.canvassResults) }
        #expect(Set(readers) == [.organiser, .dataProtectionOfficer])
        // Not even the operator at the console: the CLI never opens sealed answers.
        #expect(!AccessPolicy.readableFields(of: .elector(PersonID(1), in: []), actor: Actor(kind: .localOperator("root"), grants: []),
                                              purpose: .dataProtection).contains(.canvassResults))
    }
}

@Suite("Values")
struct ValueTests {
    @Test func datesParseUKAndISOFormsOnly() {
        #expect(CalendarDate(parsing: "31/12/2001") == CalendarDate(year: 2001, month: 12, day: 31))
        #expect(CalendarDate(parsing: "2001-12-31")?.description == "2001-12-31")
        #expect(CalendarDate(parsing: "29/02/2023") == nil)
        #expect(CalendarDate(parsing: "12/31/01") == nil)
    }

    @Test func timestampsKnowTheirCalendarDate() {
        #expect(Timestamp(secondsSince1970: 1_795_435_200).date.description == "2026-11-23")
        #expect(Timestamp(iso8601: "2026-11-23T12:00:00Z")?.secondsSince1970 == 1_795_435_200)
    }

    @Test func addressesGroupIntoHouseholdsWhateverThePunctuation() {
        let a = Address(lines: ["Flat 1, 3 High St.", "Fellwick"], postcode: "ab12cd")
        let b = Address(lines: ["FLAT 1 3 HIGH ST", " fellwick "], postcode: "AB1 2CD")
        #expect(a.householdKey == b.householdKey)
        #expect(a.postcode == "AB1 2CD")
        #expect(Address(lines: ["Flat 1", "3 High St"], postcode: "").houseNumber == 3)
    }

    @Test func searchTextIsInterpreted() {
        #expect(PeopleQuery(text: "ab1 2cd").interpretation == .postcode("AB1 2CD"))
        #expect(PeopleQuery(text: "AA-12").interpretation == .electorNumber(prefix: "AA", number: 12))
        #expect(PeopleQuery(text: "L100001").interpretation == .membershipNumber("L100001"))
        #expect(PeopleQuery(text: "jane smi").interpretation == .name(["JANE", "SMI"]))
        #expect(PeopleQuery(text: "x", limit: 10_000).limit == PeopleQuery.maximumLimit)
    }

    @Test func phonesAndEmailsAreCheckedAndCanonical() {
        #expect(ContactPoint.canonicalPhone("+44 7700 900123") == "07700900123")
        #expect(ContactPoint.canonicalPhone("07700 900123") == "07700900123")
        #expect(ContactPoint.canonicalPhone("12345") == nil)
        #expect(ContactPoint.isPlausibleEmail("a.b@example.org"))
        #expect(!ContactPoint.isPlausibleEmail("a b@example"))
        #expect(Dues.parsePence("£4.50") == 450)
        #expect(Dues.parsePence("4.5") == nil)
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test func writeAndReadTheirISOForm() {
        for seconds: Int64 in [0, 59, 951_782_400, 1_795_435_200, 4_102_444_799, -86_401] {
            let stamp = Timestamp(secondsSince1970: seconds)
            #expect(Timestamp(iso8601: stamp.description) == stamp, "\(seconds)")
        }
        #expect(Timestamp(secondsSince1970: 951_782_400).description == "2000-02-29T00:00:00Z")
        #expect(Timestamp(iso8601: "2026-11-23T12:00:00+01:00")?.secondsSince1970 == 1_795_431_600)
        #expect(Timestamp(iso8601: "not a time") == nil)
    }

    /// The hand-written form agrees with Foundation's ISO 8601 formatter across two centuries.
    @Test func matchFoundationsISOForm() {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: -2_208_988_800...4_102_444_799, using: &generator)
            #expect(Timestamp(secondsSince1970: seconds).description == formatter.string(from: Date(timeIntervalSince1970: Double(seconds))))
        }
    }

    @Test func typedInstantsReadDatesAsADaysStartOrItsEnd() {
        #expect(Timestamp(typed: "2026-11-29")?.description == "2026-11-29T00:00:00Z")
        #expect(Timestamp(typed: "2026-11-29", endOfDay: true)?.description == "2026-11-29T23:59:59Z")
        #expect(Timestamp(typed: " 29/11/2026 ")?.description == "2026-11-29T00:00:00Z")
        #expect(Timestamp(typed: "2026-11-29T09:30:00Z", endOfDay: true)?.description == "2026-11-29T09:30:00Z")
        #expect(Timestamp(typed: "last Tuesday") == nil)
        #expect(Timestamp(typed: "2026-02-30") == nil)
    }

    @Test func aReturnedSheetIsTypedInThroughAnOrganisingGrantOverItsDistrictOnly() {
        let aa = AreaID(7), w1 = AreaID(4), w2 = AreaID(5), c = AreaID(3)
        func actor(_ role: Role, _ area: AreaID?, _ purpose: Purpose) -> Actor {
            Actor(kind: .account(AccountID(1), username: "a"), grants: [Grant(id: 9, accountID: AccountID(1), role: role, scopeAreaID: area, scopeWalkListID: nil,
                                                                               purpose: purpose, grantedBy: "t", reason: "t", startsAt: .now, expiresAt: Timestamp.now.adding(days: 1))])
        }
        let chain: Set<AreaID> = [aa, w1, c]
        #expect(AccessPolicy.sheetEntryGrant(inDistrict: chain, actor: actor(.organiser, w1, .campaignPlanning))?.id == 9)
        #expect(AccessPolicy.sheetEntryGrant(inDistrict: chain, actor: actor(.campaignManager, c, .campaignPlanning)) != nil)
        #expect(AccessPolicy.sheetEntryGrant(inDistrict: chain, actor: actor(.organiser, w2, .campaignPlanning)) == nil, "another ward")
        #expect(AccessPolicy.sheetEntryGrant(inDistrict: chain, actor: actor(.canvasser, aa, .canvassing)) == nil)
        #expect(AccessPolicy.sheetEntryGrant(inDistrict: chain, actor: actor(.organiser, w1, .canvassing)) == nil, "another purpose")
    }
}
