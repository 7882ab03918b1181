import Hummingbird
import WardenCore
import WardenServices

/// Printed walk sheets: printing one (a POST, because printing is recorded and makes a new
/// serial), typing in one that came back with outcomes written on it, and closing it when it
/// comes back or is destroyed.
struct SheetsResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInPages.post("canvass/lists/:id/sheet", use: printSheet)
        surfaces.signedInPages.post("canvass/sheets/:serial", use: closeSheet)
        surfaces.signedInPages.get("canvass/sheets/:serial/enter", use: entryForm)
        surfaces.signedInPages.post("canvass/sheets/:serial/enter", use: enter)
    }

    /// The returned sheet's doors, each resident with a choice of what the sheet says.
    @Sendable func entryForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let serial = context.parameters.get("serial") ?? ""
        let (sheet, doors) = try await warden.canvass.returnedSheet(serial: serial, actor: context.actor)
        return try pages.render(CampaignPages.SheetEntry(
            chrome: Chrome(context), serial: sheet.serial, name: doors.list.name, campaignID: doors.list.campaignID.rawValue,
            stops: doors.stops.map { stop in
                .init(position: stop.position, address: stop.household.address.singleLine,
                      people: stop.residents.map { .init(id: $0.person.id.rawValue, name: $0.person.displayName, elector: $0.person.electorNumber ?? "") })
            },
            outcomes: ContactOutcome.allCases.filter { $0 != .spoke }.map { .init(value: $0.rawValue, title: $0.title) }), template: "sheet-entry")
    }

    /// Records what the sheet says (only the residents given an outcome), then marks it returned.
    @Sendable func enter(_ request: Request, context: SignedInContext) async throws -> Response {
        let serial = context.parameters.get("serial") ?? ""
        let form = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        try CSRF.verify(form.first("csrf") ?? "", context: context)
        let outcomes = try form.pairs.compactMap { name, value -> (PersonID, ContactOutcome)? in
            guard name.hasPrefix("p"), let id = Int64(name.dropFirst()), !value.isEmpty else { return nil }
            guard let outcome = ContactOutcome(rawValue: value), outcome != .spoke else { throw WardenError.invalidRequest("\(name): not an outcome a sheet records") }
            return (PersonID(id), outcome)
        }
        let list = try await warden.canvass.walkList(try CanvassService.listID(ofSheet: serial), actor: context.actor)
        let ids = try await warden.canvass.enterSheet(serial: serial, outcomes: outcomes, actor: context.actor)
        return .redirect(to: "/campaigns/\(list.campaignID.rawValue)?done=entered-\(ids.count)", type: .normal)
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
