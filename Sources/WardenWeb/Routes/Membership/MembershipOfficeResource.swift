import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The membership office, the membership secretary's home: how many members stand in each
/// status, each figure leading to the list of them (a listing: names and streets, the first
/// 250), and the search. The figures are counts; the lists are charged as listings.
struct MembershipOfficeResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.signedInPages.get("membership", use: office)
    }

    struct Page {
        var chrome: Chrome
        var statuses: [Line]
        var total: String
    }

    struct Line {
        var label: String
        var count: String
        var href: String
        /// Members who need the office's attention (in arrears, suspended).
        var attention: Bool
    }

    @Sendable func office(_ request: Request, context: SignedInContext) async throws -> Response {
        let counts = try await warden.people.memberCounts(actor: context.actor)
        let order: [MembershipStatus] = [.active, .inArrears, .suspended, .lapsed, .resigned, .expelled]
        let lines = order.map { status in
            let words = status.words
            return Line(label: words.prefix(1).uppercased() + words.dropFirst(), count: (counts[status] ?? 0).formatted(),
                 href: "/people?status=\(status.rawValue)", attention: status == .inArrears || status == .suspended)
        }
        let inGoodStanding = counts.filter { $0.key.isInGoodStanding }.values.reduce(0, +)
        return try pages.render(Page(chrome: Chrome(context), statuses: lines,
                                     total: "\(inGoodStanding.formatted()) members in good standing (active or in arrears) of \(counts.values.reduce(0, +).formatted()) on the books."),
                                template: "membership")
    }
}
