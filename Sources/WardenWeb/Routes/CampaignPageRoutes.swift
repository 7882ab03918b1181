import Charts
import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The organiser's campaign page (dashboard charts drawn on the server, walk lists, cutting,
/// assigning, printing, and closing sheets) and the printable walk sheet.
struct CampaignPageRoutes {
    let warden: Warden
    let pages: Pages

    func register(on router: Router<WardenRequestContext>) {
        router.get("campaigns/:id", use: campaign)
        router.post("campaigns/:id/cut", use: cut)
        router.post("canvass/lists/:id/assign", use: assign)
        router.post("canvass/lists/:id/end", use: end)
        router.post("canvass/lists/:id/sheet", use: sheet)
        router.post("canvass/sheets/:serial", use: closeSheet)
    }

    struct CampaignPage {
        var chrome: Chrome
        var id: Int64
        var name: String
        var dates: String
        var total: String
        var charts: [Chart]
        var lists: [ListRow]
        var districts: [String]
    }
    struct Chart { var svg: String }
    struct ListRow {
        var id: Int64
        var name: String
        var doors: Int
        var holder: String?
        var sheets: [SheetRow]
    }
    struct SheetRow { var serial: String; var status: String; var out: Bool }

    struct SheetPage {
        var chrome: Chrome
        var serial: String
        var name: String
        var campaign: String
        var printedBy: String
        var printedAt: String
        var stops: [SheetStop]
        var outcomes: [String]
    }
    struct SheetStop { var position: Int; var address: String; var people: [SheetPerson] }
    struct SheetPerson { var name: String; var elector: String }

    struct CutForm: Decodable, CSRFCarrying { var csrf: String; var district: String; var doors: Int }
    struct AssignForm: Decodable, CSRFCarrying { var csrf: String; var username: String; var hours: Int }
    struct CloseForm: Decodable, CSRFCarrying { var csrf: String; var status: String }

    @Sendable func campaign(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        let dashboard = try await warden.canvass.dashboard(id, actor: actor)
        let lists = try await warden.canvass.walkLists(campaign: id, actor: actor)
        var rows: [ListRow] = []
        for list in lists {
            let sheets = try await warden.canvass.sheets(list.id, actor: actor)
            rows.append(ListRow(
                id: list.id.rawValue, name: list.name, doors: list.doors,
                holder: list.holder(at: .now),
                sheets: sheets.map { SheetRow(serial: $0.serial, status: $0.status.rawValue, out: $0.status == .out) }))
        }
        let areas = try await warden.areas.all()
        let districts = areas.filter { $0.level == .pollingDistrict }.map(\.code).sorted()
        let total = dashboard.total
        return try pages.render(CampaignPage(
            chrome: Chrome(context), id: id.rawValue, name: dashboard.campaign.name,
            dates: "\(dashboard.campaign.startsOn) to \(dashboard.campaign.endsOn)",
            total: "\(Suppression.label(total.doors)) doors knocked · \(Suppression.label(total.attempts)) people tried · \(Suppression.label(total.spoke)) spoken to · contact rate \(total.contactRate.map { "\($0)%" } ?? "withheld")",
            charts: Self.charts(dashboard).map(Chart.init(svg:)), lists: rows, districts: districts), template: "campaign")
    }

    /// The dashboard's charts: intentions per ward and per district, and progress over time.
    static func charts(_ dashboard: CampaignDashboard) -> [String] {
        func intentions(_ rows: [(String, CampaignDashboard.Tally)]) -> [ChartSeries] {
            dashboard.intentions.map { name in ChartSeries(name: name, values: rows.map { $0.1.intentions[name] ?? 0 }) }
        }
        let wards = dashboard.areas.filter { $0.area.level == .ward }.map { ($0.area.name, $0.tally) }
        let districts = dashboard.areas.filter { $0.area.level == .pollingDistrict }.map { ($0.area.code, $0.tally) }
        let days = dashboard.days.map { ($0.day.description, $0.tally) }
        return [
            StackedBarChart(title: "Voting intention by ward", categories: wards.map(\.0), series: intentions(wards)).svg(),
            StackedBarChart(title: "Voting intention by polling district", categories: districts.map(\.0), series: intentions(districts)).svg(),
            LineChart(title: "Doors knocked and people spoken to, by day", labels: days.map(\.0), series: [
                ChartSeries(name: "Doors", values: days.map(\.1.doors)), ChartSeries(name: "Spoke", values: days.map(\.1.spoke)),
            ]).svg(),
            LineChart(title: "Contact rate by day", labels: days.map(\.0),
                      series: [ChartSeries(name: "Contact rate", values: days.map(\.1.contactRate))], unit: "%").svg(),
            StackedBarChart(title: "Voting intention by day", categories: days.map(\.0), series: intentions(days)).svg(),
        ]
    }

    @Sendable func cut(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        let form: CutForm = try await CSRF.checkedForm(request, context: context)
        guard let district = try await warden.areas.id(code: form.district) else { throw WardenError.invalidRequest("district: required") }
        _ = try await warden.canvass.cutWalkLists(campaign: id, district: district, doors: form.doors, actor: actor)
        return .redirect(to: "/campaigns/\(id.rawValue)", type: .normal)
    }

    @Sendable func assign(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let form: AssignForm = try await CSRF.checkedForm(request, context: context)
        let list = try await warden.canvass.assign(try CanvassPageRoutes.listID(context), to: form.username, hours: form.hours, actor: actor)
        return .redirect(to: "/campaigns/\(list.campaignID.rawValue)", type: .normal)
    }

    @Sendable func end(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await CSRF.check(request, context: context)
        let id = try CanvassPageRoutes.listID(context)
        try await warden.canvass.endAssignment(id, actor: actor)
        let list = try await warden.canvass.walkList(id, actor: actor)
        return .redirect(to: "/campaigns/\(list.campaignID.rawValue)", type: .normal)
    }

    /// Prints a sheet: a POST, because printing is recorded and makes a new serial.
    @Sendable func sheet(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await CSRF.check(request, context: context)
        let printed = try await warden.canvass.printSheet(try CanvassPageRoutes.listID(context), actor: actor)
        return try pages.render(SheetPage(
            chrome: Chrome(context), serial: printed.sheet.serial, name: printed.doors.list.name, campaign: printed.doors.campaign.name,
            printedBy: printed.sheet.printedBy, printedAt: printed.sheet.printedAt.description,
            stops: printed.doors.stops.map { stop in
                SheetStop(position: stop.position, address: stop.household.address.singleLine, people: stop.residents.map {
                    SheetPerson(name: [$0.person.title, $0.person.displayName].compactMap { $0 }.joined(separator: " "),
                                elector: $0.person.electorNumber ?? "")
                })
            },
            outcomes: ContactOutcome.allCases.map(\.title)), template: "sheet")
    }

    @Sendable func closeSheet(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let form: CloseForm = try await CSRF.checkedForm(request, context: context)
        guard let serial = context.parameters.get("serial"), let status = WalkSheet.Status(rawValue: form.status) else {
            throw WardenError.invalidRequest("status: returned or destroyed")
        }
        let sheet = try await warden.canvass.closeSheet(serial: serial, as: status, actor: actor)
        let list = try await warden.canvass.walkList(sheet.walkListID, actor: actor)
        return .redirect(to: "/campaigns/\(list.campaignID.rawValue)", type: .normal)
    }

    static func id(_ context: WardenRequestContext) throws -> CampaignID {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WardenError.notFound("no such campaign") }
        return CampaignID(id)
    }
}
