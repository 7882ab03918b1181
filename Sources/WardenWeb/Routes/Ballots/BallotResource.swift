import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Ballots for signed-in users: the list and setting one up; one ballot as the reader's role
/// sees it; the returning officer's steps (freeze, credentials, voiding, held changes); the
/// trustees' (their key, their share back, the count); the marked register for trustees and
/// agents; a member's own credential and place on the electorate. Each handler serves the
/// API and the page; the service and the Gate decide and record.
struct BallotResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "ballots", page: "ballots", use: list)
        surfaces.on(api: "ballots", method: .post, page: "ballots", method: .post, use: create)
        surfaces.on(api: "ballots/:id", page: "ballots/:id", use: show)
        surfaces.on(api: "ballots/:id/trustee-key", method: .put, page: "ballots/:id/trustee-key", method: .post, use: trusteeKey)
        surfaces.on(api: "ballots/:id/freeze", method: .post, page: "ballots/:id/freeze", method: .post, use: freeze)
        surfaces.onGateChecked(api: "ballots/:id/credentials", method: .post, page: "ballots/:id/credentials", method: .post, use: issue)
        surfaces.onGateChecked(api: "ballots/:id/credentials/void", method: .post, page: "ballots/:id/credentials/void", method: .post, use: void)
        surfaces.onGateChecked(api: "ballots/:id/register", page: "ballots/:id/register", use: markedRegister)
        surfaces.signedInAPI.get("ballots/:id/held-changes", use: heldChanges)
        surfaces.on(api: "ballots/:id/held-changes/:hold", method: .post, page: "ballots/:id/held-changes/:hold", method: .post, use: answerHeld)
        surfaces.signedInAPI.get("ballots/:id/inclusion", use: inclusion)
        surfaces.signedInAPI.get("ballots/:id/share", use: sealedShare)
        surfaces.signedInPages.get("ballots/:id/share.age", use: sealedShare)
        surfaces.on(api: "ballots/:id/share", method: .post, page: "ballots/:id/share", method: .post, use: handBack)
        surfaces.on(api: "ballots/:id/count", method: .post, page: "ballots/:id/count", method: .post, use: count)
    }

    struct BallotsResponse: ResponseEncodable { var ballots: [Ballot] }
    struct RegisterResponse: ResponseEncodable { var voters: [MarkedRegisterLine] }
    struct HeldResponse: ResponseEncodable { var held: [HeldContactChange] }
    struct StateResponse: ResponseEncodable { var state: HeldContactChange.State }
    struct InclusionResponse: ResponseEncodable { var root: String?; var inclusion: Electorate.Inclusion? }
    struct SharesResponse: ResponseEncodable { var sharesInHand: Int }

    func ballotID(_ context: SignedInContext) throws -> BallotID {
        BallotID(try context.pathID(missing: "no such ballot"))
    }

    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let ballots = try await warden.ballots.ballots()
        switch answer {
        case .json: return try BallotsResponse(ballots: ballots).response(from: request, context: context)
        case .page:
            let maySetUp = context.actor.grants.contains { $0.role == .membershipSecretary }
            return try pages.render(BallotPages.List(chrome: Chrome(context), rows: ballots.map(BallotPages.Row.init), none: ballots.isEmpty,
                                                     maySetUp: maySetUp), template: "ballots")
        }
    }

    @Sendable func create(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let ballot = try await warden.ballots.create(try await BallotBodies.create(request, context: context, answer: answer), actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: ballot).created(from: request, context: context)
        case .page: return .redirect(to: "/ballots/\(ballot.id)?done=created", type: .normal)
        }
    }

    @Sendable func show(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let ballot = try await warden.ballots.ballot(try ballotID(context))
        switch answer {
        case .json: return try JSONBody(value: ballot).response(from: request, context: context)
        case .page:
            // A member's place on the electorate is looked up (and recorded) only when they ask.
            let inclusion: Electorate.Inclusion?? = request.query("check") == "inclusion"
                ? .some(try await warden.ballots.ownInclusion(ballot.id, actor: context.actor)) : nil
            return try pages.render(BallotPages.One(context, ballot: ballot, inclusion: inclusion, done: request.query("done")), template: "ballot")
        }
    }

    @Sendable func trusteeKey(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try ballotID(context)
        let body = try await BallotBodies.trusteeKey(request, context: context, answer: answer)
        try await warden.ballots.setTrusteeKey(id, username: body.trustee, recipient: body.recipient, actor: context.actor)
        return try await done(id, "key", request, context, answer) { try await warden.ballots.ballot(id) }
    }

    @Sendable func freeze(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try ballotID(context)
        try await answer.checkForgery(request, context: context)
        let frozen = try await warden.ballots.freeze(id, actor: context.actor)
        return try await done(id, "frozen", request, context, answer) { frozen }
    }

    @Sendable func issue(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try ballotID(context)
        let body = try await BallotBodies.issue(request, context: context, answer: answer)
        let issued = try await warden.ballots.issueCredential(id, to: body.voter, channel: body.channel, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: issued).created(from: request, context: context)
        case .page:
            // Shown once, on this page, for the returning officer to hand over or print; never again.
            guard let credential = issued.credential else { return .redirect(to: "/ballots/\(id)?done=emailed", type: .normal) }
            var page = BallotPages.One(context, ballot: try await warden.ballots.ballot(id), inclusion: nil, done: "issued")
            page.chrome.notice = "Credential for the voter: \(credential)" + (issued.replaced ? " (it replaces an earlier one and can be used from \(issued.usableFrom.readable))" : "")
                + ". It is shown this once."
            return try pages.render(page, template: "ballot")
        }
    }

    @Sendable func void(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try ballotID(context)
        let body = try await BallotBodies.void(request, context: context, answer: answer)
        try await warden.ballots.voidCredential(id, of: .membershipNumber(body.member), reason: body.reason, actor: context.actor)
        return try await done(id, "voided", request, context, answer) { try await warden.ballots.ballot(id) }
    }

    @Sendable func markedRegister(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try ballotID(context)
        let lines = try await warden.ballots.markedRegister(id, actor: context.actor)
        switch answer {
        case .json: return try RegisterResponse(voters: lines).response(from: request, context: context)
        case .page:
            let ballot = try await warden.ballots.ballot(id)
            let held = try await warden.ballots.heldChanges(id, actor: context.actor)
            var chrome = Chrome(context)
            chrome.notice = request.query("done").flatMap(BallotPages.notice)
            return try pages.render(BallotPages.Register(
                chrome: chrome, id: id.description, title: ballot.title,
                lines: lines.map { .init(reference: $0.reference, channel: $0.issued?.words ?? "none issued", voted: $0.voted, reissued: $0.issues > 1,
                                         flagged: $0.contactsChangedBeforeFreeze) },
                summary: "\(lines.count) voters; \(lines.filter { $0.issued != nil }.count) hold a credential; \(lines.filter(\.voted).count) have voted; "
                    + "\(lines.filter(\.contactsChangedBeforeFreeze).count) had contact details changed by someone else in the 60 days before the freeze.",
                held: held.map { .init(ballot: id.description, id: String($0.id), reference: $0.reference, kinds: $0.kinds.map(\.rawValue).joined(separator: ", "),
                                       asked: $0.requestedAt.readable, by: $0.requestedBy, state: $0.state.words, awaiting: $0.state == .awaitingConfirmation) },
                noneHeld: held.isEmpty, mayAnswer: BallotPolicy.mayRun(context.actor, ballot)), template: "ballot-register")
        }
    }

    @Sendable func heldChanges(_ request: Request, context: SignedInContext) async throws -> HeldResponse {
        HeldResponse(held: try await warden.ballots.heldChanges(try ballotID(context), actor: context.actor))
    }

    @Sendable func answerHeld(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try ballotID(context)
        let hold = try context.pathID("hold", missing: "no such held change")
        let confirm = try await BallotBodies.heldAnswer(request, context: context, answer: answer)
        let state = try await warden.ballots.answerHeldChange(hold, on: id, confirm: confirm, actor: context.actor)
        switch answer {
        case .json: return try StateResponse(state: state).response(from: request, context: context)
        case .page: return .redirect(to: "/ballots/\(id)/register?done=answered", type: .normal)
        }
    }

    @Sendable func inclusion(_ request: Request, context: SignedInContext) async throws -> InclusionResponse {
        let id = try ballotID(context)
        let found = try await warden.ballots.ownInclusion(id, actor: context.actor)
        return InclusionResponse(root: try await warden.ballots.ballot(id).frozen?.root, inclusion: found)
    }

    /// The trustee's share sealed to their age key, as a file to open with `age -d`.
    @Sendable func sealedShare(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try ballotID(context)
        let sealed = try await warden.ballots.sealedShare(id, actor: context.actor)
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.contentDisposition] = "attachment; filename=\"ballot-\(id)-share.age\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: sealed)))
    }

    @Sendable func handBack(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try ballotID(context)
        let share = try await BallotBodies.share(request, context: context, answer: answer)
        let inHand = try await warden.ballots.returnShare(id, share: share, actor: context.actor)
        switch answer {
        case .json: return try SharesResponse(sharesInHand: inHand).response(from: request, context: context)
        case .page: return .redirect(to: "/ballots/\(id)?done=share", type: .normal)
        }
    }

    @Sendable func count(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try ballotID(context)
        try await answer.checkForgery(request, context: context)
        let result = try await warden.ballots.count(id, actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: result).response(from: request, context: context)
        case .page: return .redirect(to: "/ballots/\(id)/result", type: .normal)
        }
    }

    /// A step's answer: `value` as JSON, or back to the ballot's page saying what was done.
    private func done(_ id: BallotID, _ what: String, _ request: Request, _ context: SignedInContext, _ answer: Answer,
                      value: () async throws -> some Encodable & Sendable) async throws -> Response {
        switch answer {
        case .json: return try JSONBody(value: try await value()).response(from: request, context: context)
        case .page: return .redirect(to: "/ballots/\(id)?done=\(what)", type: .normal)
        }
    }
}
