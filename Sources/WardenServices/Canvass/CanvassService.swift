import Foundation
public import WardenCore
import WardenGate
import WardenStore

/// Campaigns, walk lists and doorstep results.
///
/// Organisers (a ward) and campaign managers (a constituency or region) run a canvass in
/// their areas: they create campaigns, cut and assign walk lists and print sheets. A
/// canvasser sees and writes only the doors on a list assigned to them, through a grant
/// scoped to that list that ends with the assignment (at most 48 hours).
public struct CanvassService: Sendable {
    let gate: Gate
    let store: any CanvassPlanningStore & AreaStore & AccountStore & GrantStore
    let cache = CampaignCache()

    // MARK: Campaigns

    /// Creates a campaign over areas within the actor's organising scope.
    public func createCampaign(_ campaign: NewCampaign, actor: Actor) async throws -> Campaign {
        try campaign.validate()
        let party = try await partySurvey()
        guard campaign.survey == (try? party.asking(campaign.survey.issues)) else {
            throw WardenError.invalidRequest("survey: the party's parties, and issues from the party's set (\(party.issues.joined(separator: ", ")))")
        }
        let all = try await areasByID()
        for area in campaign.areaIDs {
            guard all[area] != nil else { throw WardenError.notFound("area \(area)") }
            try await requireOrganiser(actor, over: area, all: all, doing: "create campaign")
        }
        let event = AuditEvent(actor: actor, action: .canvassOrganised, purpose: .campaignPlanning, detail: "campaign created")
        return try await store.createCampaign(campaign, createdBy: actor.label, audit: event)
    }

    /// Campaigns, newest first. A campaign's name, dates and survey are not personal data.
    public func campaigns() async throws -> [Campaign] {
        try await store.campaigns()
    }

    public func campaign(_ id: CampaignID) async throws -> Campaign {
        guard let campaign = try await cache.campaign(id, load: { try await store.campaign(id) }) else {
            throw WardenError.notFound("campaign \(id)")
        }
        return campaign
    }

    /// The survey the party defined for its campaigns: the parties for the intention
    /// question and the issues a campaign chooses from; the standard one until it defines its own.
    public func partySurvey() async throws -> Survey {
        try await store.partySurvey() ?? .standard
    }

    /// Defines the party's survey (``Survey/party(parties:issues:)``): a campaign manager over
    /// the whole party, or the local operator. Campaigns already running keep theirs.
    public func setPartySurvey(parties: [String], issues: [String], actor: Actor) async throws -> Survey {
        let event = AuditEvent(actor: actor, action: .canvassOrganised, purpose: .campaignPlanning, detail: "party survey defined")
        guard AccessPolicy.mayDefineSurvey(actor, areas: try await areasByID()) else {
            try await gate.refuse(event, by: actor, why: "no whole-party campaign manager grant",
                                  WardenError.forbidden("the party's survey is defined by a campaign manager over the whole party"))
        }
        let survey = try Survey.party(parties: parties, issues: issues)
        var audit = event
        audit.detail += ": \(survey.parties.count) parties, \(survey.issues.count) issues"
        try await store.setPartySurvey(survey, audit: audit)
        return survey
    }

    // MARK: Walk lists

    /// Cuts a polling district's households into walk lists of about `doors` doors each.
    public func cutWalkLists(campaign: CampaignID, district: AreaID, doors: Int, actor: Actor) async throws -> [WalkList] {
        guard (1...WalkList.maximumDoors).contains(doors) else {
            throw WardenError.invalidRequest("doors: from 1 to \(WalkList.maximumDoors)")
        }
        let all = try await areasByID()
        guard all[district]?.level == .pollingDistrict else { throw WardenError.notFound("polling district \(district)") }
        let campaign = try await self.campaign(campaign)
        guard !Set(Area.chain(from: district, in: all).map(\.id)).isDisjoint(with: campaign.areaIDs) else {
            throw WardenError.invalidRequest("district: outside the campaign's areas")
        }
        try await requireOrganiser(actor, over: district, all: all, doing: "cut walk lists")
        let event = AuditEvent(actor: actor, action: .canvassOrganised, purpose: .campaignPlanning,
                               detail: "walk lists cut for campaign \(campaign.id) in \(all[district]?.code ?? "")")
        return try await store.cutWalkLists(
            WalkListCut(campaignID: campaign.id, pollingDistrictID: district, doors: doors, createdBy: actor.label), audit: event)
    }

    /// A campaign's walk lists in the actor's organising scope.
    public func walkLists(campaign: CampaignID, actor: Actor) async throws -> [WalkList] {
        let scope = AccessPolicy.canvassOrganisingScope(for: actor)
        guard !scope.isEmpty else { throw WardenError.forbidden("your grants do not include organising a canvass") }
        let all = try await areasByID()
        return try await store.walkLists(campaign: campaign).filter { list in
            scope.covers(Set(Area.chain(from: list.pollingDistrictID, in: all).map(\.id)))
        }
    }

    /// One walk list the actor organises or holds.
    public func walkList(_ id: WalkListID, actor: Actor) async throws -> WalkList {
        guard let list = try await store.walkList(id) else { throw WardenError.notFound("walk list \(id)") }
        try await requireHolderOrOrganiser(of: id, in: list.pollingDistrictID, actor: actor)
        return list
    }

    /// Refuses, and records the refusal, unless `actor` holds the list or organises its district.
    func requireHolderOrOrganiser(of id: WalkListID, in district: AreaID, actor: Actor) async throws {
        guard !actor.grants.contains(where: { $0.scopeWalkListID == id }) else { return }
        try await requireOrganiser(actor, over: district, all: try await areasByID(), doing: "see walk list")
    }

    /// Where a list belongs, from memory after its first read.
    func place(of id: WalkListID) async throws -> CampaignCache.ListPlace {
        guard let place = try await cache.place(of: id, load: { try await store.walkList(id) }) else {
            throw WardenError.notFound("walk list \(id)")
        }
        return place
    }

    /// The lists the actor holds now.
    public func heldWalkLists(actor: Actor) async throws -> [WalkList] {
        guard let account = actor.accountID else { return [] }
        let held = Set(actor.grants.compactMap(\.scopeWalkListID))
        return try await store.walkLists(heldBy: account, at: .now).filter { held.contains($0.id) }
    }

    /// Hands a list to a canvasser for `hours` (at most 48): they get a grant scoped to it
    /// alone, ending when the assignment does. The canvasser must hold a canvasser grant
    /// over the list's district, and nobody else may hold the list.
    public func assign(_ id: WalkListID, to username: String, hours: Int, actor: Actor) async throws -> WalkList {
        let (list, all) = try await organisedList(id, actor: actor, doing: "assign walk list")
        guard let account = try await store.accountID(username: username) else { throw WardenError.notFound("no account \(username)") }
        let chain = Set(Area.chain(from: list.pollingDistrictID, in: all).map(\.id))
        let at = Timestamp.now
        let event = AuditEvent(at: at, actor: actor, action: .canvassOrganised, purpose: .campaignPlanning,
                               detail: "walk list \(id) assigned to \(username) for \(hours)h")
        return try await store.assignWalkList(WalkListAssignmentRequest(
            listID: id, accountID: account, grantedBy: actor.label, at: at, audit: event
        ) { list, grants in
            guard AccessPolicy.mayHoldWalkList(in: chain, grants: grants) else {
                throw WardenError.forbidden("\(username) holds no canvasser grant for this district")
            }
            return try WalkListLifecycle.assign(list, hours: hours, at: at)
        })
    }

    /// The lists of `campaign` the actor organises, each with how many of its doors have a result.
    /// (The lists are read once, with their counts: a page needs both.)
    public func walkListsWithDoorsDone(campaign: CampaignID, actor: Actor) async throws -> [(list: WalkList, done: Int)] {
        let lists = try await walkLists(campaign: campaign, actor: actor)
        let done = try await store.doorsDone(campaign: campaign)
        return lists.map { ($0, done[$0.id] ?? 0) }
    }

    /// The accounts whose standing canvasser grants let them be given `list`, by username:
    /// the organiser picks from these rather than typing a name.
    public func canvassers(for list: WalkListID, actor: Actor) async throws -> [String] {
        let (list, all) = try await organisedList(list, actor: actor, doing: "assign walk list")
        let chain = Set(Area.chain(from: list.pollingDistrictID, in: all).map(\.id))
        return Set(try await store.currentGrants(at: .now).filter { listing in
            !listing.grant.isPending && AccessPolicy.mayHoldWalkList(in: chain, grants: [listing.grant])
        }.map(\.username)).sorted()
    }

    /// Takes a list back before it expires; the canvasser's access to it ends at once.
    public func endAssignment(_ id: WalkListID, actor: Actor) async throws {
        _ = try await organisedList(id, actor: actor, doing: "end walk list")
        let event = AuditEvent(actor: actor, action: .canvassOrganised, purpose: .campaignPlanning, detail: "walk list \(id) taken back")
        try await store.endWalkListAssignment(id, by: actor.label, at: event.at, audit: event)
    }

    // MARK: Doorstep

    /// The doors on a list in walking order (or only the one at `stop`), as the actor may see
    /// them: a canvasser on their own list (canvassing), an organiser in their ward (campaign
    /// planning). Charged to the reader's budget and logged like any read, naming only the
    /// people actually read.
    ///
    /// One unit of work: the list's place comes from memory, and the list, its walking order
    /// and its people are read, charged and recorded in the Gate's one transaction.
    public func doors(of id: WalkListID, stop: Int? = nil, actor: Actor, purpose: Purpose) async throws -> Reading<DoorstepList> {
        let place = try await place(of: id)
        try await requireHolderOrOrganiser(of: id, in: place.pollingDistrictID, actor: actor)
        let campaign = try await self.campaign(place.campaignID)
        let result = try await gate.read(.walkList(id, stop: stop), actor: actor, purpose: purpose, action: .read,
                                         detail: "walk list \(id)" + (stop.map { " stop \($0)" } ?? ""))
        guard let (list, positions) = result.walkList else { throw WardenError.notFound("walk list \(id)") }
        var stops: [WalkStop] = []
        for (record, fields) in result.people {
            guard let household = record.person.householdID, let address = record.address else { continue }
            // The list shows outcomes on this list only, never anyone's answers.
            let resident = WalkStop.Resident(person: PersonView(record, fields: fields), lastOutcome: record.canvass?.last?.outcome)
            if stops.last?.household.id == household {
                stops[stops.count - 1].residents.append(resident)
            } else {
                stops.append(WalkStop(
                    position: positions[household] ?? 0,
                    household: Household(id: household, address: address, pollingDistrictID: list.pollingDistrictID),
                    street: WalkOrder.street(of: address), residents: [resident]))
            }
        }
        return Reading(value: DoorstepList(list: list, campaign: campaign, stops: stops), result: result)
    }

    /// Records one result on a list the actor holds.
    public func record(_ result: CanvassResult, actor: Actor) async throws -> Int64 {
        try await record([result], actor: actor)[0]
    }

    /// Records one outcome for everyone at a door in one transaction: "nobody in" for a
    /// household, one tap instead of one per resident.
    public func record(_ results: [CanvassResult], actor: Actor) async throws -> [Int64] {
        guard let list = results.first?.walkListID else { return [] }
        let campaign = try await self.campaign(try await place(of: list).campaignID)
        return try await gate.record(results, campaign: campaign, actor: actor)
    }

    /// Undoes `actor`'s own results for `people` on `list`, recorded in the last
    /// ``CanvassResult/undoWindow`` seconds: each withdrawn, versioned and logged. Returns how many.
    public func undo(_ people: [PersonID], onList list: WalkListID, actor: Actor) async throws -> Int {
        try await gate.withdraw(people, walkList: list, actor: actor)
    }

    // MARK: Walk sheets

    /// Prints a list: the organiser's read of its doors, then a sheet with a fresh serial,
    /// outstanding until marked returned or destroyed.
    public func printSheet(_ id: WalkListID, actor: Actor) async throws -> (sheet: WalkSheet, doors: DoorstepList) {
        let doors = try await self.doors(of: id, actor: actor, purpose: .campaignPlanning).value
        let event = AuditEvent(actor: actor, action: .canvassOrganised, purpose: .campaignPlanning, detail: "walk list \(id) printed")
        let sheet = try await store.printWalkSheet(id, by: actor.label, at: event.at, audit: event)
        return (sheet, doors)
    }

    public func sheets(_ id: WalkListID, actor: Actor) async throws -> [WalkSheet] {
        _ = try await walkList(id, actor: actor)
        return try await store.walkSheets(id)
    }

    /// A printed sheet still out, its list, and the list's doors as the organiser reads them
    /// (a recorded read): what the page for typing in a returned sheet shows.
    public func returnedSheet(serial: String, actor: Actor) async throws -> (sheet: WalkSheet, doors: DoorstepList) {
        let (sheet, list) = try await outstandingSheet(serial, actor: actor)
        return (sheet, try await doors(of: list.id, actor: actor, purpose: .campaignPlanning).value)
    }

    /// Types in a returned paper sheet: each outcome written on it, recorded in one transaction
    /// as results of its list by the organiser (``Gate/Entry/returnedSheet(serial:districtChain:)``),
    /// then the sheet marked returned.
    public func enterSheet(serial: String, outcomes: [(PersonID, ContactOutcome)], actor: Actor) async throws -> [Int64] {
        let (_, list) = try await outstandingSheet(serial, actor: actor)
        let all = try await areasByID()
        let ids = outcomes.isEmpty ? [] : try await gate.record(
            outcomes.map { CanvassResult(personID: $0.0, walkListID: list.id, outcome: $0.1, channel: .door, answers: nil, doNotContact: false) },
            campaign: try await campaign(list.campaignID),
            via: .returnedSheet(serial: serial, districtChain: Set(Area.chain(from: list.pollingDistrictID, in: all).map(\.id))), actor: actor)
        _ = try await closeSheet(serial: serial, as: .returned, actor: actor)
        return ids
    }

    /// The sheet with `serial`, still out, on a list `actor` organises.
    func outstandingSheet(_ serial: String, actor: Actor) async throws -> (WalkSheet, WalkList) {
        let (list, _) = try await organisedList(try Self.listID(ofSheet: serial), actor: actor, doing: "type in walk sheet \(serial)")
        guard let sheet = try await store.walkSheets(list.id).first(where: { $0.serial == serial }), sheet.status == .out else {
            throw WardenError.notFound("no walk sheet \(serial) still out")
        }
        return (sheet, list)
    }

    /// The list a sheet's serial names (`WL-00012-01` is a copy of list 12).
    public static func listID(ofSheet serial: String) throws -> WalkListID {
        guard let number = serial.split(separator: "-").dropFirst().first.flatMap({ Int64($0) }) else {
            throw WardenError.invalidRequest("serial: like WL-00012-01")
        }
        return WalkListID(number)
    }

    /// Marks a printed sheet returned or destroyed.
    public func closeSheet(serial: String, as status: WalkSheet.Status, actor: Actor) async throws -> WalkSheet {
        _ = try await organisedList(try Self.listID(ofSheet: serial), actor: actor, doing: "close walk sheet")
        let event = AuditEvent(actor: actor, action: .canvassOrganised, purpose: .campaignPlanning,
                               detail: "walk sheet \(serial) \(status.rawValue)")
        return try await store.closeWalkSheet(serial: serial, as: status, by: actor.label, at: event.at, audit: event)
    }

    // MARK: Support

    func areasByID() async throws -> [AreaID: Area] {
        Dictionary(uniqueKeysWithValues: try await store.allAreas().map { ($0.id, $0) })
    }

    /// A list the actor organises (holding it is not enough), with the areas it was checked
    /// against; refused and recorded otherwise.
    func organisedList(_ id: WalkListID, actor: Actor, doing what: String) async throws -> (WalkList, [AreaID: Area]) {
        guard let list = try await store.walkList(id) else { throw WardenError.notFound("walk list \(id)") }
        let all = try await areasByID()
        try await requireOrganiser(actor, over: list.pollingDistrictID, all: all, doing: what)
        return (list, all)
    }

    /// Refuses, and records the refusal, unless `actor` may organise a canvass over `area`.
    func requireOrganiser(_ actor: Actor, over area: AreaID, all: [AreaID: Area], doing what: String) async throws {
        let scope = AccessPolicy.canvassOrganisingScope(for: actor)
        guard !scope.covers(Set(Area.chain(from: area, in: all).map(\.id))) else { return }
        try await gate.refuse(AuditEvent(actor: actor, action: .canvassOrganised, purpose: .campaignPlanning, detail: what),
                              by: actor, why: "area \(area) outside the actor's grants",
                              WardenError.forbidden("your grants do not include organising a canvass there"))
    }
}

/// A walk list ready for the doorstep: its campaign (for the survey) and its stops in order.
public struct DoorstepList: Sendable, Hashable {
    public var list: WalkList
    public var campaign: Campaign
    public var stops: [WalkStop]

    /// How many people on the list have a result recorded on it.
    public var done: Int { stops.reduce(0) { $0 + $1.residents.filter { $0.lastOutcome != nil }.count } }
    public var people: Int { stops.reduce(0) { $0 + $1.residents.count } }
}
