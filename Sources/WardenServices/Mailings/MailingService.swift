import Foundation
public import WardenCore
public import WardenGate
public import WardenStore

/// Email to members and supporters, without handing anyone the list: an organiser writes,
/// Warden counts and renders a sample, a second person approves a large send (and the
/// returning officer one about a selection's candidates), and the send queues one email per
/// address inside the store. Every step is in the log.
public struct MailingService: Sendable {
    let gate: Gate
    let store: any MailingStore & BallotStore & AreaStore

    /// Writes a mailing as a draft.
    public func write(_ draft: MailingDraft, actor: Actor, at instant: Timestamp = .now) async throws -> Mailing {
        let areas = try await allAreas()
        guard let area = areas.values.first(where: { $0.code == draft.areaCode }) else {
            throw WardenError.invalidRequest("area: no area with code \(draft.areaCode)")
        }
        let audit = AuditEvent(at: instant, actor: actor, action: .mailing, purpose: Purpose.default(for: actor), detail: "mailing: write")
        guard MailingPolicy.mayWrite(actor, areaChain: chain(area.id, areas)) else {
            try await gate.refuse(audit, by: actor, why: "no organiser's grant over the area",
                                  .forbidden("only organisers over area \(area.code) write to its people"))
        }
        let mailing = Mailing(id: MailingID(0), areaID: area.id, subject: draft.subject.trimmingCharacters(in: .whitespaces), body: draft.body,
                              mailClass: draft.mailClass, audience: draft.audience, aboutCandidates: draft.aboutCandidates,
                              author: MailingPerson(accountID: actor.accountID, name: actor.label), createdAt: instant)
        if let problem = MailingPolicy.problems(with: mailing).first { throw WardenError.invalidRequest(problem) }
        if case .eventReplies(let id) = draft.audience {
            // The event must be one the author organises, in the mailing's area.
            let event = try await gate.managedEventNumbers(id, actor: actor, at: instant).event
            guard chain(event.details.areaID, areas).contains(area.id) else {
                throw WardenError.invalidRequest("audience: event \(id) is not in area \(area.code)")
            }
        }
        return try await store.createMailing(mailing, audit: audit)
    }

    public func mailing(_ id: MailingID) async throws -> Mailing {
        guard let mailing = try await store.mailing(id) else { throw WardenError.notFound("no mailing \(id)") }
        return mailing
    }

    /// The mailings `actor` may write to the areas of, newest first.
    public func mailings(actor: Actor, limit: Int = 200) async throws -> [Mailing] {
        let areas = try await allAreas()
        return try await store.mailings(limit: limit).filter { MailingPolicy.mayWrite(actor, areaChain: chain($0.areaID, areas)) }
    }

    /// The count and a sample: what the author may see before sending.
    public func preview(_ id: MailingID, actor: Actor, at instant: Timestamp = .now) async throws -> MailingPreview {
        let mailing = try await mailing(id)
        let areas = try await allAreas()
        let count = try await gate.countAudience(of: mailing, areaName: areaName(mailing.areaID, areas), actor: actor, at: instant)
        let sample = try await sample(of: mailing, areas: areas)
        return MailingPreview(mailing: mailing, count: count, sampleSubject: sample.subject, sampleBody: sample.body,
                              approvalsNeeded: try await approvalsNeeded(mailing, emails: count.emails, areas: areas, at: instant))
    }

    /// How `actor` comes to `mailing`: one who writes to its area (who sees its count), a
    /// returning officer whose approval it awaits (who sees its text), or neither.
    public enum Reader: Sendable { case writer, returningOfficer, neither }

    public func reader(of mailing: Mailing, actor: Actor) async throws -> Reader {
        if MailingPolicy.mayWrite(actor, areaChain: chain(mailing.areaID, try await allAreas())) { return .writer }
        for case .returningOfficer(let ballotID) in mailing.approvalsMissing {
            if let ballot = try await store.ballot(ballotID), BallotPolicy.mayRun(actor, ballot) { return .returningOfficer }
        }
        return .neither
    }

    /// The mailing as a recipient reads it, with made-up merge values: what its pages show
    /// once it is sent, without counting its audience again.
    /// `areas` saves reading them again when the caller has them (a list of mailings).
    public func sample(of mailing: Mailing, areas: [AreaID: Area]? = nil) async throws -> (subject: String, body: String) {
        let known = if let areas { areas } else { try await allAreas() }
        return MailingText.render(mailing, for: .sample(area: areaName(mailing.areaID, known)),
                                  unsubscribe: mailing.mailClass == .campaigning ? "(your own one-click unsubscribe link)" : nil)
    }

    /// Asks for the approvals the mailing needs at its size now; one that needs none is approved at once.
    public func submit(_ id: MailingID, actor: Actor, at instant: Timestamp = .now) async throws -> Mailing {
        let preview = try await preview(id, actor: actor, at: instant)
        var mailing = preview.mailing
        guard mailing.state == .draft else { throw WardenError.conflict("mailing \(id) is \(mailing.state.rawValue), not a draft") }
        mailing.approvalsNeeded = preview.approvalsNeeded
        mailing.aboutCandidates = mailing.aboutCandidates || preview.approvalsNeeded.contains { if case .returningOfficer = $0 { true } else { false } }
        mailing.state = mailing.approvalsNeeded.isEmpty ? .approved : .awaitingApproval
        let needs = mailing.approvalsNeeded.map(\.words).joined(separator: " and ")
        try await save(mailing, from: .draft, AuditEvent(
            at: instant, actor: actor, action: .mailing, purpose: Purpose.default(for: actor),
            detail: "mailing \(id): submitted for \(preview.count.emails) emails; " + (needs.isEmpty ? "no approval needed" : "needs \(needs)")))
        return mailing
    }

    /// Gives every approval still missing that `actor` may give: a second organiser's, or the returning officer's.
    public func approve(_ id: MailingID, actor: Actor, at instant: Timestamp = .now) async throws -> Mailing {
        var mailing = try await mailing(id)
        let audit = AuditEvent(at: instant, actor: actor, action: .mailing, purpose: Purpose.default(for: actor), detail: "mailing \(id): approve")
        guard mailing.state == .awaitingApproval else { throw WardenError.conflict("mailing \(id) is \(mailing.state.rawValue), not awaiting approval") }
        let areas = try await allAreas()
        var given: [MailingApproval.Kind] = []
        for kind in mailing.approvalsMissing {
            let ballot: Ballot? = if case .returningOfficer(let ballotID) = kind { try await store.ballot(ballotID) } else { nil }
            if MailingPolicy.mayApprove(actor, kind, of: mailing, areaChain: chain(mailing.areaID, areas), ballot: ballot) {
                given.append(kind)
            }
        }
        guard !given.isEmpty else {
            try await gate.refuse(audit, by: actor, why: "not one who may give the approvals it needs (never its author)",
                                  .forbidden("mailing \(id) needs \(mailing.approvalsMissing.map(\.words).joined(separator: " and ")), and never its author's"))
        }
        let by = MailingPerson(accountID: actor.accountID, name: actor.label)
        mailing.approvals += given.map { MailingApproval(kind: $0, by: by, at: instant) }
        if mailing.approvalsMissing.isEmpty { mailing.state = .approved }
        var event = audit
        event.detail = "mailing \(id): approved as \(given.map(\.words).joined(separator: " and "))"
            + (mailing.state == .approved ? "; ready to send" : "; still needs \(mailing.approvalsMissing.map(\.words).joined(separator: " and "))")
        try await save(mailing, from: .awaitingApproval, event)
        return mailing
    }

    /// Queues the approved mailing's emails.
    public func send(_ id: MailingID, actor: Actor, at instant: Timestamp = .now) async throws -> MailingSend {
        let mailing = try await mailing(id)
        guard mailing.state == .approved else {
            throw WardenError.conflict("mailing \(id) is \(mailing.state.rawValue): "
                + (mailing.state == .awaitingApproval ? "it still needs \(mailing.approvalsMissing.map(\.words).joined(separator: " and "))" : "only an approved mailing is sent"))
        }
        return try await gate.sendMailing(mailing, areaName: areaName(mailing.areaID, try await allAreas()), actor: actor, at: instant)
    }

    /// Withdraws a mailing not yet sent.
    public func withdraw(_ id: MailingID, actor: Actor, at instant: Timestamp = .now) async throws -> Mailing {
        var mailing = try await mailing(id)
        let audit = AuditEvent(at: instant, actor: actor, action: .mailing, purpose: Purpose.default(for: actor), detail: "mailing \(id): withdrawn")
        guard MailingPolicy.mayWrite(actor, areaChain: chain(mailing.areaID, try await allAreas())) else {
            try await gate.refuse(audit, by: actor, why: "no organiser's grant over the area", .forbidden("only organisers over its area withdraw mailing \(id)"))
        }
        let from = mailing.state
        guard [.draft, .awaitingApproval, .approved].contains(from) else { throw WardenError.conflict("mailing \(id) is \(from.rawValue)") }
        mailing.state = .withdrawn
        try await save(mailing, from: from, audit)
        return mailing
    }

    /// What `person` was sent: for themselves (their own page) and the DPO.
    public func sent(to person: PersonID, actor: Actor) async throws -> [MailingReceived] {
        try await gate.mailingsSent(to: person, actor: actor)
    }

    // MARK: -

    private func approvalsNeeded(_ mailing: Mailing, emails: Int, areas: [AreaID: Area], at instant: Timestamp) async throws -> [MailingApproval.Kind] {
        let running = try await store.ballots(limit: 1_000).filter {
            MailingPolicy.isRunning($0, at: instant) && MailingPolicy.overlaps(ballotArea: $0.areaID, mailingArea: mailing.areaID, in: areas)
        }
        return MailingPolicy.approvalsNeeded(for: mailing, emails: emails, runningBallots: running)
    }

    private func save(_ mailing: Mailing, from expected: MailingState, _ audit: AuditEvent) async throws {
        guard try await store.updateMailing(mailing, from: expected, audit: audit) else {
            throw WardenError.conflict("mailing \(mailing.id) changed meanwhile; look again")
        }
    }

    private func allAreas() async throws -> [AreaID: Area] {
        Dictionary(uniqueKeysWithValues: try await store.allAreas().map { ($0.id, $0) })
    }

    private func chain(_ area: AreaID, _ areas: [AreaID: Area]) -> Set<AreaID> {
        Set(Area.chain(from: area, in: areas).map(\.id))
    }

    private func areaName(_ id: AreaID, _ areas: [AreaID: Area]) -> String {
        areas[id]?.name ?? "area \(id)"
    }
}
