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
        surfaces.on(api: "alerts/:id/raise", method: .post, page: "alerts/:id/raise", method: .post, use: raise)
    }

    struct RaiseBody: Decodable { var reason: String }
    struct RaiseForm: Decodable, CSRFCarrying { var csrf: String; var reason: String }
    struct Raised: ResponseEncodable { var raise: BudgetRaise }

    /// Raises the read budget a budget alert is about, for a day, and closes the alert.
    @Sendable func raise(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let reason = switch answer {
        case .json: try await request.json(RaiseBody.self, context: context, expected: "expected a reason").reason
        case .page: (try await CSRF.checkedForm(request, context: context) as RaiseForm).reason
        }
        let raised = try await warden.alerts.raiseBudget(from: try context.pathID(missing: "no such alert"), reason: reason, actor: context.actor)
        switch answer {
        case .json: return try EditedResponse(status: .created, response: Raised(raise: raised)).response(from: request, context: context)
        case .page: return .redirect(to: "/alerts?done=raised", type: .normal)
        }
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
        /// A budget alert: the DPO may raise the budget for a day from here.
        var raisable: Bool
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
                         investigate: $0.accountID == nil ? nil : "/audit?account=\($0.actor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&from=\($0.at.date)&to=\($0.at.date)",
                         raisable: BudgetRaise.decisionRefusal($0, by: context.actor) == nil)
            }
            var chrome = Chrome(context)
            chrome.notice = request.query("done") == "raised" ? "Budget raised for 24 hours, and the alert closed. Both are recorded." : nil
            return try pages.render(AlertsPage(chrome: chrome, alerts: rows, none: rows.isEmpty), template: "alerts")
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
