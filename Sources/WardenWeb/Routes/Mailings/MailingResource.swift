import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Mailings for those who write to people (organisers, campaign managers, membership
/// secretaries): the list and writing one; one mailing with its count and sample; submitting,
/// approving, sending and withdrawing it; and the suppression list's numbers, objections
/// staff record, and its export for the DPO. No handler returns an address or a name: the
/// audience is counted and queued inside the store.
struct MailingResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "mailings", page: "mailings", use: list)
        surfaces.on(api: "mailings", method: .post, page: "mailings", method: .post, use: write)
        surfaces.on(api: "mailings/:id", page: "mailings/:id", use: show)
        surfaces.signedInAPI.get("mailings/:id/preview", use: preview)
        surfaces.on(api: "mailings/:id/submit", method: .post, page: "mailings/:id/submit", method: .post, use: submit)
        surfaces.on(api: "mailings/:id/approve", method: .post, page: "mailings/:id/approve", method: .post, use: approve)
        surfaces.on(api: "mailings/:id/send", method: .post, page: "mailings/:id/send", method: .post, use: send)
        surfaces.on(api: "mailings/:id/withdraw", method: .post, page: "mailings/:id/withdraw", method: .post, use: withdraw)
        surfaces.signedInAPI.get("suppression", use: suppressionCounts)
        surfaces.on(api: "suppression", method: .post, page: "suppression", method: .post, use: record)
        surfaces.signedInAPI.get("suppression/export", use: export)
        surfaces.signedInPages.get("suppression/export.csv", use: export)
    }

    struct MailingsResponse: ResponseEncodable { var mailings: [Mailing] }
    struct PreviewResponse: ResponseEncodable {
        var count: AudienceCount
        var sampleSubject: String
        var sampleBody: String
        var approvalsNeeded: [MailingApproval.Kind]
    }
    struct CountsResponse: ResponseEncodable { var suppressed: [String: Int] }
    struct RecordedResponse: ResponseEncodable { var added: Int }

    func mailingID(_ context: SignedInContext) throws -> MailingID {
        MailingID(try context.pathID(missing: "no such mailing"))
    }

    @Sendable func list(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let mailings = try await warden.mailings.mailings(actor: context.actor)
        switch answer {
        case .json: return try MailingsResponse(mailings: mailings).response(from: request, context: context)
        case .page:
            let areas = Dictionary(uniqueKeysWithValues: try await warden.areas.all().map { ($0.id, $0) })
            let actor = context.actor
            let isDPO = AccessPolicy.mayReviewAudit(actor)
            let counts = try await warden.suppression.counts()
            let events = OrganisingPolicy.organisesAnywhere(actor) ? try await warden.events.list(actor: actor).map(\.event).filter { !$0.cancelled } : []
            var rows: [MailingPages.Row] = []
            for mailing in mailings {
                rows.append(.init(id: mailing.id.description, subject: try await warden.mailings.sample(of: mailing, areas: areas).subject,
                                  area: areas[mailing.areaID]?.name ?? mailing.areaID.description, audience: mailing.audience.words,
                                  state: MailingPages.state(mailing.state), created: mailing.createdAt.readable))
            }
            let writable = areas.values.filter { MailingPolicy.mayWrite(actor, areaChain: Set(Area.chain(from: $0.id, in: areas).map(\.id))) }
                .sorted { ($0.level.depth, $0.name) < ($1.level.depth, $1.name) }
            return try pages.render(MailingPages.List(
                chrome: Chrome(context), rows: rows,
                areas: writable.map { .init(value: $0.code, label: "\($0.name) (\($0.level.rawValue.replacingOccurrences(of: "_", with: " ")))") },
                none: mailings.isEmpty, mayWrite: OrganisingPolicy.organisesAnywhere(actor),
                mayRecord: MailingPolicy.mayRecordObjection(actor), isDPO: isDPO,
                audiences: Audience.all.map { .init(value: $0.name, label: $0.words) }
                    + events.map { .init(value: Audience.eventReplies($0.id).name, label: "people coming to \($0.details.title)") },
                fields: MergeFields.fields.map { .init(value: "{{\($0.name)}}", label: $0.meaning) },
                suppressed: SuppressionReason.allCases.map { .init(label: $0.words, value: String(counts[$0] ?? 0)) }), template: "mailings")
        }
    }

    @Sendable func write(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let mailing = try await warden.mailings.write(try await MailingBodies.write(request, context: context, answer: answer), actor: context.actor)
        switch answer {
        case .json: return try JSONBody(value: mailing).created(from: request, context: context)
        case .page: return .redirect(to: "/mailings/\(mailing.id)?done=written", type: .normal)
        }
    }

    @Sendable func show(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = try mailingID(context)
        let stored = try await warden.mailings.mailing(id)
        let reader = try await warden.mailings.reader(of: stored, actor: context.actor)
        guard reader != .neither else {
            throw WardenError.forbidden("only organisers over its area, and a returning officer asked to approve it, see mailing \(id)")
        }
        switch answer {
        case .json: return try JSONBody(value: stored).response(from: request, context: context)
        case .page:
            // While it can still be sent, the count is taken (and recorded) as the author looks:
            // it is what a send would do now. Afterwards the page shows what the send did.
            let open = [.draft, .awaitingApproval, .approved].contains(stored.state)
            let preview = open && reader == .writer ? try await warden.mailings.preview(id, actor: context.actor) : nil
            let mailing = preview?.mailing ?? stored
            let sample = try await warden.mailings.sample(of: mailing)
            let area = try await warden.areas.all().first { $0.id == mailing.areaID }?.name ?? mailing.areaID.description
            var chrome = Chrome(context)
            chrome.notice = request.query("done").flatMap(MailingPages.notice)
            let sent = mailing.sent.map { sent in
                [MailingPages.Count(label: "Sent", value: "\(sent.at.readable) by \(sent.by.name)"),
                 .init(label: "Emails queued", value: String(sent.queued)), .init(label: "People the rule found", value: String(sent.audience)),
                 .init(label: "No email / no consent / suppressed / shared", value: "\(sent.noEmail) / \(sent.noConsent) / \(sent.suppressed) / \(sent.shared)")]
            } ?? []
            let needs = mailing.state == .draft ? preview?.approvalsNeeded ?? [] : mailing.approvalsMissing
            return try pages.render(MailingPages.One(
                chrome: chrome, id: id.description, subject: sample.subject, area: area, mailClass: mailing.mailClass.words,
                audience: mailing.audience.words, author: mailing.author.name, state: MailingPages.state(mailing.state),
                preview: preview != nil, counts: preview.map { MailingPages.counts($0.count) } ?? [], sampleSubject: sample.subject, sampleBody: sample.body,
                needs: needs.isEmpty ? nil : needs.map(\.words).joined(separator: " and "),
                approvals: mailing.approvals.map { .init(label: $0.kind.words, value: "\($0.by.name), \($0.at.readable)") }, sent: sent,
                isDraft: mailing.state == .draft, awaiting: mailing.state == .awaitingApproval, approved: mailing.state == .approved,
                open: open, mayChange: reader == .writer), template: "mailing")
        }
    }

    @Sendable func preview(_ request: Request, context: SignedInContext) async throws -> PreviewResponse {
        let preview = try await warden.mailings.preview(try mailingID(context), actor: context.actor)
        return PreviewResponse(count: preview.count, sampleSubject: preview.sampleSubject, sampleBody: preview.sampleBody,
                               approvalsNeeded: preview.approvalsNeeded)
    }

    @Sendable func submit(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await step(request, context, answer, "submitted") { try await warden.mailings.submit($0, actor: context.actor) }
    }

    @Sendable func approve(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await step(request, context, answer, "approved") { try await warden.mailings.approve($0, actor: context.actor) }
    }

    @Sendable func withdraw(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await step(request, context, answer, "withdrawn") { try await warden.mailings.withdraw($0, actor: context.actor) }
    }

    @Sendable func send(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        try await step(request, context, answer, "sent") { try await warden.mailings.send($0, actor: context.actor) }
    }

    @Sendable func suppressionCounts(_ request: Request, context: SignedInContext) async throws -> CountsResponse {
        guard MailingPolicy.mayRecordObjection(context.actor) else {
            throw WardenError.forbidden("the suppression list's numbers are for those who write to people and the DPO")
        }
        let counts = try await warden.suppression.counts()
        return CountsResponse(suppressed: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }))
    }

    @Sendable func record(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let body = try await MailingBodies.record(request, context: context, answer: answer)
        let added = try await warden.suppression.record(body.reason, addresses: body.addresses, note: body.note ?? "", actor: context.actor)
        switch answer {
        case .json: return try RecordedResponse(added: added).response(from: request, context: context)
        case .page: return .redirect(to: "/mailings?done=recorded", type: .normal)
        }
    }

    /// The list as keyed hashes, for another Warden server of the party (the DPO's).
    @Sendable func export(_ request: Request, context: SignedInContext) async throws -> Response {
        let csv = try await warden.suppression.export(actor: context.actor)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"suppression-list.csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// A step's answer: its value as JSON, or back to the mailing's page saying what was done.
    private func step(_ request: Request, _ context: SignedInContext, _ answer: Answer, _ what: String,
                      _ body: (MailingID) async throws -> some Encodable & Sendable) async throws -> Response {
        let id = try mailingID(context)
        try await answer.checkForgery(request, context: context)
        let value = try await body(id)
        switch answer {
        case .json: return try JSONBody(value: value).response(from: request, context: context)
        case .page: return .redirect(to: "/mailings/\(id)?done=\(what)", type: .normal)
        }
    }
}
