import Hummingbird
import WardenCore
import WardenServices

/// A campaign's aggregate dashboard: as JSON, and as the organiser's campaign page, which
/// draws it as charts beside the campaign's walk lists and their sheets. Also cutting a
/// polling district into walk lists.
struct CampaignsResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "campaigns", method: .post, page: "campaigns", method: .post, use: create)
        surfaces.on(api: "campaigns/:id/dashboard", page: "campaigns/:id", use: dashboard)
        surfaces.signedInPages.post("campaigns/:id/cut", use: cut)
    }

    struct CutForm: Decodable, CSRFCarrying { var csrf: String; var district: String; var doors: Int }

    struct CampaignBody: Decodable {
        var name: String
        var areaIDs: [Int64]
        var startsOn: CalendarDate
        var endsOn: CalendarDate
        /// The survey's issues, from the party's set; the whole set when absent.
        var issues: [String]?
    }

    struct Created: ResponseEncodable { var campaign: Campaign }

    /// Starts a campaign: 201 with it for the API; for the canvass page's form, its page, or
    /// the form again with what was typed and what is wrong.
    @Sendable func create(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        switch answer {
        case .json:
            let body = try await request.json(CampaignBody.self, context: context,
                                              expected: "expected name, areaIDs, startsOn, endsOn (dates) and optionally issues")
            let party = try await warden.canvass.partySurvey()
            let campaign = try await warden.canvass.createCampaign(NewCampaign(
                name: body.name, areaIDs: body.areaIDs.map(AreaID.init(rawValue:)), startsOn: body.startsOn, endsOn: body.endsOn,
                survey: try party.asking(body.issues ?? party.issues)), actor: context.actor)
            return try EditedResponse(status: .created, response: Created(campaign: campaign)).response(from: request, context: context)
        case .page:
            let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(fields.first("csrf") ?? "", context: context)
            var form = CampaignForm(fields)
            form.offerIssues(from: try await warden.canvass.partySurvey())
            do {
                let campaign = try await warden.canvass.createCampaign(try form.campaign(), actor: context.actor)
                return .redirect(to: "/campaigns/\(campaign.id.rawValue)?done=created", type: .normal)
            } catch let error as WardenError {
                guard case .invalidRequest(let problem) = error else { throw error }
                form.problem = problem
                return try await CanvassHome.render(warden, pages, context: context, form: form, status: .badRequest)
            }
        }
    }

    @Sendable func dashboard(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try Self.id(context)
        let dashboard = try await warden.canvass.dashboard(id, actor: context.actor)
        switch answer {
        case .json:
            return try JSONBody(value: DashboardBody(dashboard)).response(from: request, context: context)
        case .page:
            return try await page(dashboard, of: id, context: context, done: request.query("done"))
        }
    }

    /// The campaign page: the dashboard with the campaign's lists, their sheets, and the
    /// districts a new list may be cut from (those already cut marked, the first not yet cut
    /// chosen).
    func page(_ dashboard: CampaignDashboard, of id: CampaignID, context: SignedInContext, done: String?) async throws -> Response {
        var rows: [CampaignPages.ListRow] = []
        let progress = try await warden.canvass.walkListsWithDoorsDone(campaign: id, actor: context.actor)
        let lists = progress.map(\.list)
        var canvassers: [AreaID: [String]] = [:]
        for (list, done) in progress {
            let sheets = try await warden.canvass.sheets(list.id, actor: context.actor)
            if canvassers[list.pollingDistrictID] == nil {
                canvassers[list.pollingDistrictID] = try await warden.canvass.canvassers(for: list.id, actor: context.actor)
            }
            rows.append(.init(
                id: list.id.rawValue, name: list.name, doors: list.doors, done: done,
                canvassers: canvassers[list.pollingDistrictID] ?? [], hasCanvassers: !(canvassers[list.pollingDistrictID] ?? []).isEmpty,
                holder: list.assignment.flatMap { $0.isActive(at: .now) ? $0.username : nil },
                until: list.assignment.flatMap { $0.isActive(at: .now) ? $0.expiresAt.readable : nil },
                sheets: sheets.map { .init(serial: $0.serial, status: $0.status.rawValue, out: $0.status == .out) }))
        }
        let all = try await warden.areas.all()
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        let scope = AccessPolicy.canvassOrganisingScope(for: context.actor)
        let cut = Set(lists.map(\.pollingDistrictID))
        let districts = all.filter { district in
            let chain = Set(Area.chain(from: district.id, in: byID).map(\.id))
            return district.level == .pollingDistrict && !chain.isDisjoint(with: dashboard.campaign.areaIDs) && scope.covers(chain)
        }.sorted { $0.code < $1.code }
        let firstUncut = districts.first { !cut.contains($0.id) }?.id
        var chrome = Chrome(context)
        chrome.notice = done.flatMap(CampaignPages.message(for:))
        let total = dashboard.total
        return try pages.render(CampaignPages.Campaign(
            chrome: chrome, id: id.rawValue, name: dashboard.campaign.name,
            dates: "\(dashboard.campaign.startsOn.readable) to \(dashboard.campaign.endsOn.readable)",
            total: "\(Suppression.label(total.doors)) doors knocked · \(Suppression.label(total.attempts)) people tried · \(Suppression.label(total.spoke)) spoken to · contact rate \(total.contactRate.map { "\($0)%" } ?? "withheld")",
            charts: DashboardCharts.figures(dashboard), lists: rows,
            districts: districts.map { district in
                CampaignPages.DistrictChoice(code: district.code, label: cut.contains(district.id) ? "\(district.code) (already cut)" : district.code,
                                             selected: district.id == firstUncut)
            }, allCut: firstUncut == nil), template: "campaign")
    }

    @Sendable func cut(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try Self.id(context)
        let form: CutForm = try await CSRF.checkedForm(request, context: context)
        guard let district = try await warden.areas.id(code: form.district) else { throw WardenError.invalidRequest("district: required") }
        _ = try await warden.canvass.cutWalkLists(campaign: id, district: district, doors: form.doors, actor: context.actor)
        return .redirect(to: "/campaigns/\(id.rawValue)?done=cut", type: .normal)
    }

    static func id(_ context: SignedInContext) throws -> CampaignID {
        CampaignID(try context.pathID(missing: "no such campaign"))
    }
}
