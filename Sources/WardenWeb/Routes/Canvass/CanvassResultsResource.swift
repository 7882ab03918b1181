import Hummingbird
import WardenCore
import WardenServices

/// Doorstep results: an elector's outcome at the door and, when they spoke, the survey's
/// answers. One handler for a canvassing app's JSON and the doorstep page's one-tap form;
/// the service checks the call against the caller's grants.
struct CanvassResultsResource: Resource {
    let warden: Warden

    func register(on surfaces: Surfaces) {
        surfaces.onGateChecked(api: "canvass/results", method: .post, page: "canvass/lists/:id/results", method: .post, use: record)
        surfaces.onGateChecked(api: "canvass/lists/:id/undo", method: .post, page: "canvass/lists/:id/undo", method: .post, use: undo)
    }

    struct UndoBody: Decodable {
        var people: [Int64]
    }

    struct Undone: ResponseEncodable {
        var withdrawn: Int
    }

    /// Undoes the caller's own results just recorded for the people named (the page's "Undo"
    /// after a save): the API answers how many were withdrawn; the page goes back to the door.
    @Sendable func undo(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let list = try WalkListsResource.listID(context)
        switch answer {
        case .json:
            let body = try await request.json(UndoBody.self, context: context, expected: "expected people (person ids)")
            guard (1...50).contains(body.people.count) else { throw WardenError.invalidRequest("people: 1 to 50 person ids") }
            let withdrawn = try await warden.canvass.undo(body.people.map { PersonID(rawValue: $0) }, onList: list, actor: context.actor)
            return try Undone(withdrawn: withdrawn).response(from: request, context: context)
        case .page:
            let form = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(form.first("csrf") ?? "", context: context)
            let people = form.all("person").compactMap(Int64.init)
            guard (1...50).contains(people.count) else { throw WardenError.invalidRequest("person: 1 to 50 people") }
            let withdrawn = try await warden.canvass.undo(people.map { PersonID(rawValue: $0) }, onList: list, actor: context.actor)
            return .redirect(to: "/canvass/lists/\(list.rawValue)/stops/\(form.first("stop").flatMap(Int.init) ?? 1)?undone=\(withdrawn)", type: .normal)
        }
    }

    struct ResultBody: Decodable {
        var person: Int64
        var walkList: Int64
        var outcome: ContactOutcome
        var channel: ContactChannel?
        var answers: SurveyAnswers?
        var doNotContact: Bool?
    }

    struct Recorded: ResponseEncodable {
        var id: Int64
    }

    /// One result: 201 with its id for the API; for the page, back to the stop it was
    /// recorded at.
    @Sendable func record(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let (results, stop) = try await Self.results(request, context: context, answer: answer)
        let ids = try await warden.canvass.record(results, actor: context.actor)
        switch answer {
        case .json:
            return try EditedResponse(status: .created, response: Recorded(id: ids[0])).response(from: request, context: context)
        case .page:
            // Back to the door with what was saved, at the next resident still to ask.
            let saved = results.map { String($0.personID.rawValue) }.joined(separator: ",")
            return .redirect(to: "/canvass/lists/\(results[0].walkListID.rawValue)/stops/\(stop ?? 1)?saved=\(saved)", type: .normal)
        }
    }

    /// The result from the JSON body, or from one tap's form with the stop it was made at; the
    /// form's "nobody in" names every resident at the door, one result each. The form is
    /// hand-parsed so repeated `issue` boxes (and `person`s) arrive as lists.
    static func results(_ request: Request, context: SignedInContext, answer: Answer) async throws -> ([CanvassResult], stop: Int?) {
        switch answer {
        case .json:
            let body = try await request.json(
                ResultBody.self, context: context,
                expected: "expected person, walkList, outcome (\(ContactOutcome.allCases.map(\.rawValue).joined(separator: ", "))) and optionally answers, channel, doNotContact")
            return ([CanvassResult(
                personID: PersonID(body.person), walkListID: WalkListID(body.walkList), outcome: body.outcome,
                channel: body.channel ?? .door, answers: body.answers, doNotContact: body.doNotContact ?? false)], nil)
        case .page:
            let listID = try WalkListsResource.listID(context)
            let form = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            try CSRF.verify(form.first("csrf") ?? "", context: context)
            let people = form.all("person").compactMap(Int64.init)
            guard !people.isEmpty, people.count <= 50, let outcome = form.first("outcome").flatMap(ContactOutcome.init(rawValue:)),
                  people.count == 1 || outcome != .spoke
            else { throw WardenError.invalidRequest("person and outcome are required; several people only for an outcome without answers") }
            var answers: SurveyAnswers?
            if outcome == .spoke {
                answers = SurveyAnswers(
                    intention: form.nonEmpty("intention"), certainty: form.nonEmpty("certainty").flatMap(Certainty.init(rawValue:)),
                    likelihood: form.nonEmpty("likelihood").flatMap(Int.init),
                    postalVote: form.nonEmpty("postal").map { $0 == "yes" }, issues: form.all("issue"), notes: form.first("notes") ?? "")
            }
            return (people.map { person in
                CanvassResult(personID: PersonID(person), walkListID: listID, outcome: outcome, channel: .door, answers: answers,
                              doNotContact: form.first("dnc") == "yes")
            }, form.first("stop").flatMap(Int.init))
        }
    }
}
