import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The party's survey: the parties for the intention question and the issues campaigns choose
/// from. Anyone signed in may read it (it names no one); a campaign manager over the whole
/// party defines it, on the canvass page or through the API.
struct SurveyResource: Resource {
    let warden: Warden

    func register(on surfaces: Surfaces) {
        surfaces.signedInAPI.get("survey", use: survey)
        surfaces.on(api: "survey", method: .put, page: "canvass/survey", method: .post, use: define)
    }

    @Sendable func survey(_ request: Request, context: SignedInContext) async throws -> JSONBody<Survey> {
        JSONBody(value: try await warden.canvass.partySurvey())
    }

    @Sendable func define(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        switch answer {
        case .json:
            let body = try await request.json(Survey.self, context: context, expected: "expected parties and issues (lists of names)")
            let survey = try await warden.canvass.setPartySurvey(parties: body.parties, issues: body.issues, actor: context.actor)
            return try JSONBody(value: survey).response(from: request, context: context)
        case .page:
            let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(fields.first("csrf") ?? "", context: context)
            func lines(_ name: String) -> [String] {
                (fields.first(name) ?? "").split(whereSeparator: \.isNewline).map { Normalize.spaces($0) }.filter { !$0.isEmpty }
            }
            _ = try await warden.canvass.setPartySurvey(parties: lines("parties"), issues: lines("issues"), actor: context.actor)
            return .redirect(to: "/canvass?done=survey", type: .normal)
        }
    }
}
