import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// What a ballot shows to anyone, signed in or not: the voting page and its API (a live
/// credential is the voter's only proof, so there is no session to forge a request against),
/// a tracker's place on the bulletin board, the published result and its BLT, and the page
/// behind a held contact change's confirmation link. None of it holds personal data.
struct VotingResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.pages.get("ballots/:id/vote", use: votingPage)
        surfaces.pages.post("ballots/:id/vote", use: votePage)
        surfaces.api.post("ballots/:id/votes", use: vote)
        surfaces.api.get("ballots/:id/board/:tracker", use: board)
        surfaces.api.get("ballots/:id/result", use: result)
        surfaces.pages.get("ballots/:id/result", use: resultPage)
        surfaces.pages.get("ballots/:id/result.blt", use: blt)
        surfaces.pages.get("contact-holds/:token", use: holdPage)
        surfaces.pages.post("contact-holds/:token", use: answerHold)
    }

    struct Cast: ResponseEncodable {
        var tracker: String
        /// Where the tracker's log entry (the bulletin board) is found, once the log numbers it.
        var board: String
    }

    func ballotID(_ context: WardenRequestContext) throws -> BallotID {
        BallotID(try context.pathID(missing: "no such ballot"))
    }

    @Sendable func votingPage(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let ballot = try await warden.ballots.ballot(try ballotID(context))
        return try pages.render(Self.votePage(ballot, context: context), template: "vote")
    }

    @Sendable func votePage(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let ballot = try await warden.ballots.ballot(try ballotID(context))
        var page = Self.votePage(ballot, context: context)
        do {
            let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16_384)))
            let vote = try BallotBodies.vote(fields, candidates: ballot.candidates.count)
            page.tracker = try await warden.ballots.cast(ballot.id, credential: vote.credential, ranking: vote.ranking)
        } catch let error as WardenError {
            page.error = error.description
        }
        return try pages.render(page, template: "vote")
    }

    static func votePage(_ ballot: Ballot, context: WardenRequestContext) -> BallotPages.Vote {
        let phase = ballot.phase(at: .now)
        return BallotPages.Vote(
            chrome: Chrome(context), id: ballot.id.description, title: ballot.title,
            candidates: ballot.candidates.enumerated().map { .init(number: String($0.offset + 1), name: $0.element) },
            open: phase == .open,
            when: phase == .open ? "Voting closes \(ballot.closesAt.readable)."
                : phase == .frozen || phase == .setUp ? "Voting opens \(ballot.opensAt.readable)." : "Voting closed \(ballot.closesAt.readable).")
    }

    @Sendable func vote(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let id = try ballotID(context)
        let body = try await request.json(BallotBodies.Vote.self, context: context, expected: "expected credential and ranking (candidate numbers from 1, first preference first)")
        let tracker = try await warden.ballots.cast(id, credential: body.credential, ranking: body.ranking)
        var response = try Cast(tracker: tracker, board: "/api/v1/ballots/\(id)/board/\(tracker)").response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func board(_ request: Request, context: WardenRequestContext) async throws -> BoardEntry {
        guard let tracker = context.parameters.get("tracker"), tracker.count == 64 else { throw WardenError.notFound("no such tracker") }
        return try await warden.ballots.boardEntry(try ballotID(context), tracker: tracker)
    }

    @Sendable func result(_ request: Request, context: WardenRequestContext) async throws -> JSONBody<BallotResult> {
        JSONBody(value: try await warden.ballots.result(try ballotID(context)))
    }

    @Sendable func resultPage(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let id = try ballotID(context)
        let ballot = try await warden.ballots.ballot(id)
        let result = try await warden.ballots.result(id)
        return try pages.render(BallotPages.Result(
            chrome: Chrome(context), id: id.description, title: ballot.title,
            elected: result.transcript.elected.map { ballot.candidates[$0 - 1] }.joined(separator: ", "),
            transcript: result.transcript.text, counter: result.counter,
            checks: "Credentials used: \(result.credentialsSpent). Ballots in the box: \(result.ballotsStored). Trackers on the bulletin board: \(result.trackersOnBoard).",
            tallies: result.tallies, openedBy: result.openedBy.joined(separator: " and "), lotSeed: result.lotSeed,
            ballots: result.ballots.map { .init(tracker: $0.tracker, ranking: $0.ranking.map { ballot.candidates[$0 - 1] }.joined(separator: " › ")) }),
            template: "ballot-result")
    }

    @Sendable func blt(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let id = try ballotID(context)
        let result = try await warden.ballots.result(id)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"ballot-\(id).blt\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: result.blt)))
    }

    @Sendable func holdPage(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try pages.render(BallotPages.Hold(chrome: Chrome(context), token: try token(context), done: nil), template: "contact-hold")
    }

    /// There is no session to forge a request against: the token in the link is the voter's proof.
    @Sendable func answerHold(_ request: Request, context: WardenRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 4_096)))
        let confirm = fields.first("answer") == "confirm"
        let state = try await warden.ballots.answerHeldChange(token: try token(context), confirm: confirm)
        let done = switch state {
        case .coolingOff: "Confirmed. The change is made when the cooling-off ends."
        case .refused: "Refused: nothing changes, and the party's data protection officer has been told."
        case .applied: "This change was already made."
        case .lapsed: "This change lapsed: it was not confirmed before the ballot closed."
        case .awaitingConfirmation: "This change still waits for your answer."
        }
        return try pages.render(BallotPages.Hold(chrome: Chrome(context), token: "", done: done), template: "contact-hold")
    }

    func token(_ context: WardenRequestContext) throws -> String {
        guard let token = context.parameters.get("token"), token.count <= 64 else { throw WardenError.notFound("this link is not valid") }
        return token
    }
}
