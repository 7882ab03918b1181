import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The canvass home: a canvasser's lists, and for an organiser their campaigns' progress (doors
/// done, lists out) with the form to start a campaign.
struct CanvassHome {
    var chrome: Chrome
    var lists: [DoorstepPages.ListRow]
    var hasLists: Bool
    var campaigns: [CampaignRow]
    var hasCampaigns: Bool
    /// Organises somewhere: the campaigns and the form are shown.
    var organises: Bool
    /// Holds lists or may be given them: the lists section is shown.
    var canvasses: Bool
    var form: CampaignForm
    /// The party's survey, for a whole-party campaign manager to define (one name a line).
    var survey: SurveyForm?

    /// The party's survey as its form shows it.
    struct SurveyForm {
        var parties: String
        var issues: String
    }

    struct CampaignRow {
        var id: Int64
        var name: String
        var dates: String
        var progress: String
    }

    /// The page for `context`, with `form` as typed (and what is wrong with it) after a failed try.
    static func render(_ warden: Warden, _ pages: Pages, context: SignedInContext, request: Request? = nil, form: CampaignForm? = nil,
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        let held = try await warden.canvass.heldWalkLists(actor: context.actor)
        let scope = AccessPolicy.canvassOrganisingScope(for: context.actor)
        var rows: [CampaignRow] = []
        var form = form ?? CampaignForm()
        let party = try await warden.canvass.partySurvey()
        form.offerIssues(from: party)
        if !scope.isEmpty {
            let all = try await warden.areas.all()
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
            // Every campaign (a name and dates, no one's data), with the progress of the part
            // the reader organises.
            for campaign in try await warden.canvass.campaigns() {
                let progress = try await warden.canvass.walkListsWithDoorsDone(campaign: campaign.id, actor: context.actor)
                let lists = progress.map(\.list)
                let done = progress.map(\.done).reduce(0, +)
                let doors = lists.map(\.doors).reduce(0, +)
                let out = lists.filter { $0.assignment?.isActive(at: .now) == true }.count
                rows.append(CampaignRow(
                    id: campaign.id.rawValue, name: campaign.name, dates: "\(campaign.startsOn.readable) to \(campaign.endsOn.readable)",
                    progress: lists.isEmpty ? "no walk lists cut yet" : "\(done) of \(doors) doors done · \(lists.count) lists, \(out) out with canvassers"))
            }
            form.offerAreas(all.filter { $0.level != .pollingDistrict && scope.covers(Set(Area.chain(from: $0.id, in: byID).map(\.id))) })
        }
        let definesSurvey = AccessPolicy.mayDefineSurvey(context.actor, areas: try await warden.areas.byID())
        var page = CanvassHome(
            chrome: Chrome(context),
            lists: held.map { .init(id: $0.id.rawValue, name: $0.name, doors: $0.doors, until: $0.assignment?.expiresAt.readable ?? "") },
            hasLists: !held.isEmpty, campaigns: rows, hasCampaigns: !rows.isEmpty, organises: !scope.isEmpty,
            canvasses: !held.isEmpty || context.actor.roles.contains(.canvasser), form: form)
        if definesSurvey {
            page.survey = SurveyForm(parties: party.parties.joined(separator: "\n"), issues: party.issues.joined(separator: "\n"))
        }
        page.chrome.notice = request.flatMap { $0.query("done") == "survey" ? "The party's survey is saved. New campaigns ask from it; running ones keep theirs." : nil }
        return try pages.render(page, template: "canvass", status: status)
    }
}

/// The form that starts a campaign, as typed: kept when something in it is wrong.
struct CampaignForm {
    var name = ""
    var startsOn = ""
    var endsOn = ""
    var areas: [Choice] = []
    var issues: [Choice] = []
    var problem: String?
    private var chosenAreas: Set<String> = []
    /// The issues ticked as typed; `nil` on a fresh form, where every issue is ticked.
    private var chosenIssues: Set<String>?
    /// The party's survey, which the campaign asks part of.
    private var party = Survey.standard

    struct Choice { var value: String; var label: String; var checked: Bool }

    init() {}

    init(_ fields: FormFields) {
        name = fields.first("name") ?? ""
        startsOn = fields.first("startsOn") ?? ""
        endsOn = fields.first("endsOn") ?? ""
        chosenAreas = Set(fields.all("area"))
        chosenIssues = Set(fields.all("issue"))
    }

    /// Offers the issues of the party's survey, ticked as typed (all, on a fresh form).
    mutating func offerIssues(from party: Survey) {
        self.party = party
        let chosen = chosenIssues
        issues = party.issues.map { Choice(value: $0, label: $0, checked: chosen?.contains($0) ?? true) }
    }

    mutating func offerAreas(_ areas: [Area]) {
        let chosen = chosenAreas
        self.areas = areas.sorted { ($0.level, $0.name) < ($1.level, $1.name) }.map {
            Choice(value: $0.id.description, label: "\($0.name) (\($0.level.words))", checked: chosen.contains($0.id.description))
        }
    }

    /// The campaign the form asks for, or an error naming the field that is wrong.
    func campaign() throws -> NewCampaign {
        guard let starts = CalendarDate(parsing: startsOn) else { throw WardenError.invalidRequest("Starts: a date, such as 2026-12-01 or 01/12/2026") }
        guard let ends = CalendarDate(parsing: endsOn) else { throw WardenError.invalidRequest("Ends: a date, such as 2026-12-24 or 24/12/2026") }
        let areas = chosenAreas.compactMap(Int64.init).map(AreaID.init(rawValue:))
        guard !areas.isEmpty else { throw WardenError.invalidRequest("Areas: choose at least one") }
        let issues = self.issues.filter(\.checked).map(\.value)
        return NewCampaign(name: name, areaIDs: areas.sorted { $0.rawValue < $1.rawValue }, startsOn: starts, endsOn: ends,
                           survey: try party.asking(issues))
    }
}
