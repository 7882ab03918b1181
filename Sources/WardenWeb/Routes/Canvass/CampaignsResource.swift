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
        surfaces.on(api: "campaigns/:id/dashboard", page: "campaigns/:id", use: dashboard)
        surfaces.signedInPages.post("campaigns/:id/cut", use: cut)
    }

    struct CutForm: Decodable, CSRFCarrying { var csrf: String; var district: String; var doors: Int }

    @Sendable func dashboard(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try Self.id(context)
        let dashboard = try await warden.canvass.dashboard(id, actor: context.actor)
        switch answer {
        case .json:
            return try JSONBody(value: DashboardBody(dashboard)).response(from: request, context: context)
        case .page:
            return try await page(dashboard, of: id, context: context)
        }
    }

    /// The campaign page: the dashboard with the campaign's lists, their sheets, and the
    /// districts a new list may be cut from.
    func page(_ dashboard: CampaignDashboard, of id: CampaignID, context: SignedInContext) async throws -> Response {
        var rows: [CampaignPages.ListRow] = []
        for list in try await warden.canvass.walkLists(campaign: id, actor: context.actor) {
            let sheets = try await warden.canvass.sheets(list.id, actor: context.actor)
            rows.append(.init(
                id: list.id.rawValue, name: list.name, doors: list.doors,
                holder: list.holder(at: .now),
                sheets: sheets.map { .init(serial: $0.serial, status: $0.status.rawValue, out: $0.status == .out) }))
        }
        let districts = try await warden.areas.all().filter { $0.level == .pollingDistrict }.map(\.code).sorted()
        let total = dashboard.total
        return try pages.render(CampaignPages.Campaign(
            chrome: Chrome(context), id: id.rawValue, name: dashboard.campaign.name,
            dates: "\(dashboard.campaign.startsOn) to \(dashboard.campaign.endsOn)",
            total: "\(Suppression.label(total.doors)) doors knocked · \(Suppression.label(total.attempts)) people tried · \(Suppression.label(total.spoke)) spoken to · contact rate \(total.contactRate.map { "\($0)%" } ?? "withheld")",
            charts: DashboardCharts.svgs(dashboard).map(CampaignPages.Chart.init(svg:)), lists: rows, districts: districts), template: "campaign")
    }

    @Sendable func cut(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try Self.id(context)
        let form: CutForm = try await CSRF.checkedForm(request, context: context)
        guard let district = try await warden.areas.id(code: form.district) else { throw WardenError.invalidRequest("district: required") }
        _ = try await warden.canvass.cutWalkLists(campaign: id, district: district, doors: form.doors, actor: context.actor)
        return .redirect(to: "/campaigns/\(id.rawValue)", type: .normal)
    }

    static func id(_ context: SignedInContext) throws -> CampaignID {
        CampaignID(try context.pathID(missing: "no such campaign"))
    }
}
