import Testing
import WardenCore

@Suite("Canvassing values")
struct CanvassValueTests {
    func household(_ id: Int64, _ lines: String...) -> Household {
        Household(id: HouseholdID(id), address: Address(lines: lines, postcode: "FW1 1AA"), pollingDistrictID: nil)
    }

    @Test func walkingOrderGoesStreetByStreetUpTheOddSideAndDownTheEven() {
        let houses = [
            household(1, "4 Mill Lane"), household(2, "1 Mill Lane"), household(3, "2 Mill Lane"), household(4, "3 Mill Lane"),
            household(5, "Rose Cottage", "Mill Lane"), household(6, "Flat 2, 7 Alder Road"), household(7, "12a Alder Road"),
        ]
        let order = WalkOrder.sorted(houses).map(\.id.rawValue)
        #expect(order == [6, 7, 2, 4, 1, 3, 5])
        #expect(WalkOrder.street(of: houses[6].address) == "Alder Road")
        #expect(WalkOrder.numbered(houses[5].address)?.number == 7)
    }

    @Test func listsAreCutBySizeWithoutAStragglingLastList() {
        let houses = (1...21).map { household(Int64($0), "\($0) High Street") }
        #expect(WalkOrder.cut(houses, doors: 10).map(\.count) == [10, 11])  // a last list of 1 joins the one before
        #expect(WalkOrder.cut(houses, doors: 7).map(\.count) == [7, 7, 7])
        #expect(WalkOrder.cut([], doors: 7).isEmpty)
    }

    @Test func aListIsHeldByOneCanvasserForAtMost48Hours() throws {
        let now = Timestamp(secondsSince1970: 1_800_000_000)
        var list = WalkList(id: WalkListID(1), campaignID: CampaignID(1), name: "AA 1", pollingDistrictID: AreaID(5), doors: 40, assignment: nil)
        let assigned = try WalkListLifecycle.assign(list, hours: 48, at: now)
        #expect(assigned.grantExpiresAt == now.adding(seconds: 48 * 3_600))
        #expect(throws: WardenError.self) { try WalkListLifecycle.assign(list, hours: 49, at: now) }
        #expect(throws: WardenError.self) { try WalkListLifecycle.assign(list, hours: 0, at: now) }
        list.assignment = WalkListAssignment(accountID: AccountID(2), username: "sam", grantID: 9, assignedAt: now, expiresAt: assigned.grantExpiresAt)
        #expect(throws: WardenError.self) { try WalkListLifecycle.assign(list, hours: 2, at: now.adding(seconds: 60)) }
        #expect(try WalkListLifecycle.end(list, at: now.adding(seconds: 60)) == 9)
        // Once it has expired it can be given again, and there is nothing left to end.
        let later = assigned.grantExpiresAt
        #expect(throws: Never.self) { try WalkListLifecycle.assign(list, hours: 2, at: later) }
        #expect(throws: WardenError.self) { try WalkListLifecycle.end(list, at: later) }
    }

    @Test func aPrintedSheetIsClosedOnceAsReturnedOrDestroyed() throws {
        let sheet = WalkSheet(serial: WalkSheet.serial(list: WalkListID(12), copy: 3), walkListID: WalkListID(12),
                              printedAt: .now, printedBy: "org", status: .out)
        #expect(sheet.serial == "WL-00012-03")
        #expect(throws: Never.self) { try WalkSheet.close(sheet, as: .returned) }
        #expect(throws: WardenError.self) { try WalkSheet.close(sheet, as: .out) }
        var returned = sheet
        returned.status = .returned
        #expect(throws: WardenError.self) { try WalkSheet.close(returned, as: .destroyed) }
    }

    @Test func smallCountsAreWithheldAndSoIsASecondWhenOneCouldBeWorkedOut() {
        var tally = RawTally()
        for _ in 0..<7 { tally.add(household: HouseholdID(1), outcome: .spoke, intention: "Labour") }
        for _ in 0..<2 { tally.add(household: HouseholdID(2), outcome: .spoke, intention: "Green") }
        for _ in 0..<6 { tally.add(household: HouseholdID(3), outcome: .notIn, intention: nil) }
        let shown = tally.suppressed(intentions: ["Labour", "Green", "Reform"])
        #expect(shown.attempts == 15)
        #expect(shown.spoke == 9)
        #expect(shown.contactRate == 60)
        #expect(shown.doors == nil)  // three households
        #expect(shown.intentions["Green"] == .some(nil))
        #expect(shown.intentions["Labour"] == .some(nil))  // else Green = 9 - 7
        #expect(shown.intentions["Reform"] == .some(0))
        #expect(Suppression.apply(5) == 5)
        #expect(Suppression.apply(4) == nil)
        #expect(Suppression.apply(0) == 0)
    }

    @Test func answersAreCheckedAgainstTheSurvey() {
        let survey = Survey.standard
        #expect(throws: Never.self) { try survey.validate(SurveyAnswers(intention: "Green", certainty: .leaning, likelihood: 10, issues: ["Housing"])) }
        #expect(throws: Never.self) { try survey.validate(SurveyAnswers(intention: "Won't say")) }
        #expect(throws: WardenError.self) { try survey.validate(SurveyAnswers(intention: "Tory")) }
        #expect(throws: WardenError.self) { try survey.validate(SurveyAnswers(certainty: .certain)) }
        #expect(throws: WardenError.self) { try survey.validate(SurveyAnswers(likelihood: 11)) }
        #expect(throws: WardenError.self) { try survey.validate(SurveyAnswers(issues: ["Potholes"])) }
        #expect(throws: WardenError.self) { try survey.validate(SurveyAnswers(notes: String(repeating: "x", count: 1_001))) }
    }

    @Test func aCanvasserWritesOnlyOnTheirOwnListWhileItsGrantLasts() {
        let list = WalkListID(3)
        let grant = Grant(id: 8, accountID: AccountID(1), role: .canvasser, scopeAreaID: nil, scopeWalkListID: list, purpose: .canvassing,
                          grantedBy: "org", reason: "list", startsAt: .now, expiresAt: Timestamp.now.adding(days: 1))
        let canvasser = Actor(kind: .account(AccountID(1), username: "sam"), grants: [grant])
        /// The whole decision: the list's grant, then the person on that list.
        func writeGrant(onList list: WalkListID, personOn walkLists: Set<WalkListID>, actor: Actor) -> Grant? {
            AccessPolicy.canvassListGrant(list, actor: actor).flatMap { AccessPolicy.canvassWriteGrant(onList: list, personOn: walkLists, holding: $0) }
        }
        #expect(writeGrant(onList: list, personOn: [list], actor: canvasser)?.id == 8)
        #expect(writeGrant(onList: list, personOn: [WalkListID(4)], actor: canvasser) == nil)
        #expect(writeGrant(onList: WalkListID(4), personOn: [WalkListID(4)], actor: canvasser) == nil)
        let organiser = Actor(kind: .account(AccountID(2), username: "org"), grants: [Grant(
            id: 9, accountID: AccountID(2), role: .organiser, scopeAreaID: AreaID(4), purpose: .campaignPlanning, grantedBy: "a", reason: "r",
            startsAt: .now, expiresAt: Timestamp.now.adding(days: 1))])
        #expect(writeGrant(onList: list, personOn: [list], actor: organiser) == nil)
        #expect(AccessPolicy.canvassOrganisingScope(for: organiser).areas == [AreaID(4)])
        #expect(AccessPolicy.canvassOrganisingScope(for: canvasser).isEmpty)
    }
}

@Suite("Party colours")
struct PartyColourTests {
    /// The standard survey's nine answers get nine colours; parties by UK convention, the
    /// answers naming no party in greys.
    @Test func everyStandardAnswerHasItsOwnConventionalColour() {
        let answers = Survey.standard.parties + Survey.otherIntentions
        let colours = answers.compactMap(PartyColours.colour(for:))
        #expect(colours.count == 9 && Set(colours).count == 9)
        #expect(PartyColours.colour(for: "Labour") == "#e4003b")
        #expect(PartyColours.colour(for: "Conservative") == "#0087dc")
        #expect(PartyColours.colour(for: "Liberal Democrat") == "#faa61a")
        #expect(PartyColours.colour(for: "Won’t vote") == PartyColours.colour(for: "Won't vote"))
        #expect(PartyColours.colour(for: "The Monster Raving Loony Party") == nil)
    }
}
