import AgeEncryption
import Foundation
public import WardenCore
public import WardenGate
import WardenStore

/// What a requester asks for.
public struct ExportDraft: Sendable {
    public var purposeID: String
    public var recipient: ExportRecipient
    public var selection: ExportSelection
    public var fields: [ExportField]

    public init(purposeID: String, recipient: ExportRecipient, selection: ExportSelection, fields: [ExportField]) {
        self.purposeID = purposeID
        self.recipient = recipient
        self.selection = selection
        self.fields = fields
    }
}

/// Governed exports: asked for by one person, approved by the DPO, read through the Gate,
/// written encrypted with decoys and keyed marks, delivered to a key or through a link that
/// works once, and traced back from any leaked copy.
public struct ExportService: Sendable {
    let gate: Gate
    let store: any ExportStore & AreaStore & GrantStore & AccountStore & KeyStore & LogStore
    let keys: KeyRingSource
    let publicURL: String

    /// The longest name or reason kept.
    public static let textLimit = 500

    // MARK: Asking

    /// Records a request after checking it: a purpose the party allows, fields that purpose
    /// allows, a recipient who can receive it safely, and a selection inside the requester's
    /// grants that holds someone. Nothing is read; the count is what the approver will see.
    public func request(_ draft: ExportDraft, actor: Actor) async throws -> ExportRequest {
        let event = AuditEvent(actor: actor, action: .export, purpose: nil, detail: "export request")
        if let why = ExportPolicy.requestRefusal(by: actor) {
            try await gate.refuse(event, by: actor, why: why, .forbidden("your grants do not include reading people, so you cannot ask for an export"))
        }
        let purposes = try await settings().purposes
        guard let purpose = purposes.first(where: { $0.id == draft.purposeID }) else {
            throw WardenError.invalidRequest("purpose: not one of \(purposes.map(\.id).joined(separator: ", "))")
        }
        try purpose.check(draft.fields)
        let recipient = try Self.checked(draft.recipient)
        let areas = Dictionary(uniqueKeysWithValues: try await store.allAreas().map { ($0.id, $0) })
        guard let area = areas[draft.selection.areaID] else { throw WardenError.notFound("area: no such area") }
        let reading = Purpose.default(for: actor)
        let readable = AccessPolicy.readableFields(for: actor, purpose: reading)
        if let missing = draft.fields.first(where: { !$0.personFields.isSubset(of: readable) }) {
            try await gate.refuse(event, by: actor, why: "field \(missing.rawValue) outside the requester's grants",
                                  .forbidden("fields: your grants do not let you read \(missing.words)"))
        }
        let count = try await gate.countForExport(draft.selection, areas: areas, actor: actor, purpose: reading)
        guard count > 0 else { throw WardenError.invalidRequest("area, population: the selection holds nobody you may read") }
        let request = ExportRequest(id: ExportID(0), requestedBy: actor.label, requesterID: actor.accountID, requestedAt: .now, purpose: purpose,
                                    recipient: recipient, selection: draft.selection, selectionWords: draft.selection.words(area: area.name),
                                    fields: draft.fields, count: count, reading: reading)
        return try await store.createExport(request, audit: AuditEvent(
            actor: actor, action: .export, purpose: reading,
            detail: "requested for \(purpose.id): \(count) people, \(draft.fields.map(\.rawValue).joined(separator: ",")), \(Self.deliveryKind(recipient))"))
    }

    static func checked(_ recipient: ExportRecipient) throws -> ExportRecipient {
        var checked = recipient
        checked.name = SafeText.line(recipient.name.trimmingCharacters(in: .whitespaces))
        guard !checked.name.isEmpty, checked.name.count <= textLimit else {
            throw WardenError.invalidRequest("recipient: name the person or organisation receiving the file (at most \(textLimit) characters)")
        }
        switch recipient.delivery {
        case .ageKey(let key):
            guard (try? X25519Recipient(key.trimmingCharacters(in: .whitespaces))) != nil else {
                throw WardenError.invalidRequest("recipient_key: not an age public key (age1…); ask the recipient to run age-keygen, or send a one-time link instead")
            }
            checked.ageKey = key.trimmingCharacters(in: .whitespaces)
        case .link(let email):
            let lowered = email.trimmingCharacters(in: .whitespaces).lowercased()
            guard ContactPoint.isPlausibleEmail(lowered) else { throw WardenError.invalidRequest("recipient_email: not an email address") }
            checked.email = lowered
        case .paper:
            throw WardenError.invalidRequest("recipient: give the recipient's age key (ageKey) or their email for a one-time link")
        }
        if recipient.ageKey != nil && recipient.email != nil {
            throw WardenError.invalidRequest("recipient: give the recipient's age key or their email, not both")
        }
        return checked
    }

    static func deliveryKind(_ recipient: ExportRecipient) -> String {
        switch recipient.delivery {
        case .ageKey: "to an age key"
        case .link: "by one-time link"
        case .paper: "on paper"
        }
    }

    // MARK: Seeing

    /// The requests `actor` may see, newest first: all of them for the DPO, their own for anyone else.
    public func requests(actor: Actor, limit: Int = 200) async throws -> [ExportRequest] {
        try await store.exports(limit: limit).filter { ExportPolicy.maySee($0, actor: actor) }
    }

    public func request(_ id: ExportID, actor: Actor) async throws -> ExportRequest {
        guard let request = try await store.export(id), ExportPolicy.maySee(request, actor: actor) else {
            throw WardenError.notFound("no such export, or not one you may see")
        }
        return request
    }

    // MARK: Deciding

    /// The DPO approves `id`: the requester's people are read through the Gate as the
    /// requester (their grants, their budget unless `overBudget`), decoys are drawn, and the
    /// file is written encrypted to the recipient's key or to the link's, whose email is queued.
    public func approve(_ id: ExportID, reason: String, specialCategory: Bool, overBudget: Bool, actor: Actor) async throws -> ExportRequest {
        var request = try await decidable(id, actor: actor, verb: "approve")
        let reason = try Self.reason(reason)
        if request.hasSpecialCategory && !specialCategory {
            throw WardenError.invalidRequest("special_category: the request carries voting intentions; approve them explicitly, or refuse it")
        }
        let requester = try await self.requester(of: request)
        // A requester who may no longer read anyone is the Gate's to refuse, on the record.
        if !overBudget, ExportPolicy.requestRefusal(by: requester) == nil, let limit = gate.dailyBudget(for: requester), let account = request.requesterID {
            let used = try await store.peopleCharged(to: account, before: .now)
            if request.count > limit - used {
                throw WardenError.invalidRequest("over_budget: \(request.count) people is more than the requester's remaining read budget (\(max(0, limit - used)) of \(limit) today); say the export may pass it, or refuse it")
            }
        }
        request.decision = ExportRequest.Decision(by: actor.label, at: .now, reason: reason, specialCategory: request.hasSpecialCategory, overBudget: overBudget)
        let people = try await gate.readForExport(request, requester: requester, purpose: request.reading, approvedBy: actor.label)
        guard !people.isEmpty else { throw WardenError.conflict("export \(id): the selection holds nobody the requester may read now") }
        let settings = try await settings()
        let marks = ExportMarks(key: try keys.current.exportMarkingKey, serial: id)
        var taken = try await store.decoyKeys()
        var decoys: [ExportDecoy] = []
        for index in 0..<ExportMarks.decoyCount(for: people.count) {
            let decoy = ExportDecoy.make(index, marks: marks, settings: settings.decoys, taken: taken)
            taken.formUnion(decoy.keys)
            decoys.append(decoy)
        }
        let layout = ExportLayout(marks: marks, fields: request.fields)
        let link: ExportLink?
        let recipient: X25519Recipient
        switch request.recipient.delivery {
        case .ageKey(let key):
            link = nil
            recipient = try X25519Recipient(key)
        case .link:
            link = ExportLink.make()
            recipient = try link!.identity().recipient
        case .paper:
            throw WardenError.conflict("export \(id): a walk sheet is printed, not approved")
        }
        let written = try ExportFile.write(layout.rows(people: people, decoys: decoys), layout: layout, to: recipient)
        request.file = written.facts
        request.decoys = written.facts.decoys
        request.state = .ready
        request.expires = Timestamp.now.adding(seconds: Int64(settings.fileHours) * 3_600)
        let made = MadeExport(file: written.ciphertext, marks: written.marks, decoyKeys: decoys.flatMap(\.keys), linkHash: link?.hash,
                              mail: link.map { mail(for: request, link: $0) })
        let moved = try await store.moveExport(request, from: .requested, audit: AuditEvent(
            actor: actor, action: .export, purpose: .dataProtection,
            detail: "export \(id): approved (\(reason)); \(written.facts.people) people, \(written.facts.decoys) decoys, sha256 \(written.facts.sha256)"),
            made: made, dropFile: false)
        guard moved else {
            throw WardenError.conflict("export \(id): decided by someone else meanwhile")
        }
        return request
    }

    /// The DPO refuses `id`, saying why.
    public func refuse(_ id: ExportID, reason: String, actor: Actor) async throws -> ExportRequest {
        var request = try await decidable(id, actor: actor, verb: "refuse")
        let reason = try Self.reason(reason)
        request.decision = ExportRequest.Decision(by: actor.label, at: .now, reason: reason, specialCategory: false, overBudget: false)
        request.state = .refused
        guard try await store.moveExport(request, from: .requested, audit: AuditEvent(
            actor: actor, action: .export, purpose: .dataProtection, detail: "export \(id): refused (\(reason))"), made: nil, dropFile: false) else {
            throw WardenError.conflict("export \(id): decided by someone else meanwhile")
        }
        return request
    }

    /// The request, when `actor` may decide it now; a recorded refusal otherwise.
    private func decidable(_ id: ExportID, actor: Actor, verb: String) async throws -> ExportRequest {
        guard let request = try await store.export(id) else { throw WardenError.notFound("no such export") }
        if let why = ExportPolicy.decisionRefusal(of: request, by: actor) {
            try await gate.refuse(AuditEvent(actor: actor, action: .export, purpose: .dataProtection, detail: "export \(id): \(verb)"), by: actor, why: why,
                                  .forbidden("only the data protection officer, and never the requester, approves or refuses an export"))
        }
        guard request.state == .requested else { throw WardenError.conflict("export \(id): already \(request.state.rawValue)") }
        return request
    }

    static func reason(_ text: String) throws -> String {
        let reason = SafeText.line(text.trimmingCharacters(in: .whitespaces))
        guard !reason.isEmpty, reason.count <= textLimit else { throw WardenError.invalidRequest("reason: say why (at most \(textLimit) characters)") }
        return reason
    }

    /// The requester as they stand now: their grants today decide what the export reads. An
    /// account since disabled, or whose member has lost good standing, holds none (lost
    /// membership is lost access), so the Gate refuses the read, on the record.
    private func requester(of request: ExportRequest) async throws -> Actor {
        guard let account = request.requesterID else {
            return Actor(kind: .localOperator(String(request.requestedBy.dropFirst("operator:".count))), grants: [])
        }
        let credentials = try await store.credentials(username: request.requestedBy)
        let standing = credentials?.id == account && credentials?.membership?.isInGoodStanding != false
        return Actor(kind: .account(account, username: request.requestedBy), grants: standing ? try await store.activeGrants(account, at: .now) : [])
    }

    private func mail(for request: ExportRequest, link: ExportLink) -> (recipient: String, subject: String, body: String) {
        guard case .link(let email) = request.recipient.delivery else { return ("", "", "") }
        let expires = request.expires?.description ?? ""
        return (email, "A file from the party: export \(request.id)", """
            A file has been shared with \(request.recipient.name) for \(request.purpose.title.lowercased()).

            Download it once, here (the link stops working after one download, or at \(expires)):
            \(publicURL)/exports/download/\(link.token)

            It holds personal data. Use it only for \(request.purpose.title.lowercased()), keep it safe, do not pass it on, and delete it when the work is done.
            """)
    }
}
