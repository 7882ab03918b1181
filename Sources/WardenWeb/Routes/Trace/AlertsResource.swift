import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The DPO's alerts: listing them and acknowledging one, each through one handler for the
/// API and the alerts page. The service checks the caller's role.
struct AlertsResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "alerts", page: "alerts", use: list)
        surfaces.on(api: "alerts/:id/acknowledge", method: .post, page: "alerts/:id/acknowledge", method: .post, use: acknowledge)
    }

    struct AlertsResponse: ResponseEncodable { var alerts: [Alert] }

    struct AlertsPage {
        var chrome: Chrome
        var alerts: [AlertRow]
        var none: Bool
    }

    struct AlertRow {
        var id: String
        var at: String
        var kind: String
        var actor: String
        var detail: String
        /// The investigation of what the alert's account did that day.
        var investigate: String?
    }

    /// Open alerts; the API also lists acknowledged ones with `?all=true`.
    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let alerts = try await warden.alerts.list(actor: context.actor, all: try answer == .json ? request.flag("all") : false)
        switch answer {
        case .json:
            return try AlertsResponse(alerts: alerts).response(from: request, context: context)
        case .page:
            let rows = alerts.map {
                AlertRow(id: String($0.id), at: $0.at.readable, kind: $0.kind.words,
                         actor: $0.actor, detail: $0.detail,
                         investigate: $0.accountID == nil ? nil : "/audit?account=\($0.actor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&from=\($0.at.date)&to=\($0.at.date)")
            }
            return try pages.render(AlertsPage(chrome: Chrome(context), alerts: rows, none: rows.isEmpty), template: "alerts")
        }
    }

    @Sendable func acknowledge(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await answer.checkForgery(request, context: context)
        try await warden.alerts.acknowledge(try context.pathID(missing: "no such item"), actor: context.actor)
        switch answer {
        case .json: return Response(status: .noContent)
        case .page: return .redirect(to: "/alerts", type: .normal)
        }
    }
}
