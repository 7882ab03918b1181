import Hummingbird
import WardenCore
import WardenServices

/// Printed walk sheets: printing one (a POST, because printing is recorded and makes a new
/// serial) and closing it when it comes back or is destroyed.
struct SheetsResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInPages.post("canvass/lists/:id/sheet", use: printSheet)
        surfaces.signedInPages.post("canvass/sheets/:serial", use: closeSheet)
    }

    struct CloseForm: Decodable, CSRFCarrying { var csrf: String; var status: String }

    @Sendable func printSheet(_ request: Request, context: SignedInContext) async throws -> Response {
        try await CSRF.check(request, context: context)
        let printed = try await warden.canvass.printSheet(try WalkListsResource.listID(context), actor: context.actor)
        // Paper leaves the system: the sheet carries decoys and marks, as an export's file does.
        let marked = try await warden.exports.markSheet(printed.sheet, doors: printed.doors, actor: context.actor)
        return try pages.render(CampaignPages.Sheet(
            chrome: Chrome(context), serial: printed.sheet.serial, name: printed.doors.list.name, campaign: printed.doors.campaign.name,
            printedBy: printed.sheet.printedBy, printedAt: printed.sheet.printedAt.readable,
            stops: marked.stops.map { stop in
                .init(position: stop.position, address: stop.address, people: stop.people.map { .init(name: $0.name, elector: $0.elector) })
            },
            outcomes: ContactOutcome.allCases.map(\.title)), template: "sheet")
    }

    @Sendable func closeSheet(_ request: Request, context: SignedInContext) async throws -> Response {
        let form: CloseForm = try await CSRF.checkedForm(request, context: context)
        guard let serial = context.parameters.get("serial"), let status = WalkSheet.Status(rawValue: form.status) else {
            throw WardenError.invalidRequest("status: returned or destroyed")
        }
        let sheet = try await warden.canvass.closeSheet(serial: serial, as: status, actor: context.actor)
        let list = try await warden.canvass.walkList(sheet.walkListID, actor: context.actor)
        return .redirect(to: "/campaigns/\(list.campaignID.rawValue)?done=\(status.rawValue)", type: .normal)
    }
}
