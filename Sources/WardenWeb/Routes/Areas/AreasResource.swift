import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The party's areas: every area, and one with its place in the tree and its counts. Each
/// answer, JSON or page, comes from one call to the area service.
struct AreasResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "areas", page: "areas", use: list)
        surfaces.on(api: "areas/:id", page: "areas/:id", use: area)
    }

    struct AreasResponse: ResponseEncodable {
        var areas: [Area]
    }

    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let all = try await warden.areas.all()
        switch answer {
        case .json:
            return try AreasResponse(areas: all).response(from: request, context: context)
        case .page:
            let links = all.sorted { ($0.level, $0.name) < ($1.level, $1.name) }
                .map { AreaLink(id: $0.id.description, name: $0.name, level: $0.level.words) }
            return try pages.render(AreasPage(chrome: Chrome(context), areas: links), template: "areas")
        }
    }

    @Sendable func area(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let summary = try await warden.areas.summary(AreaID(rawValue: try context.pathID(missing: "no such area")))
        switch answer {
        case .json:
            return try summary.response(from: request, context: context)
        case .page:
            let page = AreaPage(
                chrome: Chrome(context), name: summary.area.name, level: summary.area.level.words,
                code: summary.area.code, ancestors: summary.ancestors.map(AreaLink.init), children: summary.children.map(AreaLink.init),
                hasChildren: !summary.children.isEmpty,
                electors: summary.electors, households: summary.households, members: summary.members)
            return try pages.render(page, template: "area")
        }
    }
}
