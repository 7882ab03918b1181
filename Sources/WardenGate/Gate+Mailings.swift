import Crypto
public import WardenCore
@_spi(Gate) public import WardenStore

/// A mailing's audience: counted for its author and queued at the send, inside the store,
/// so no address or name ever comes back through here (``MailingPolicy``). What the Gate adds
/// is the decision, and the keys: the suppression list's keyed hash of an address, and the
/// signature of each one-click unsubscribe link.
extension Gate {
    /// How many the mailing's rule finds now, and how many emails a send would queue.
    public func countAudience(of mailing: Mailing, areaName: String, actor: Actor, at instant: Timestamp = .now) async throws -> AudienceCount {
        let audit = AuditEvent(at: instant, actor: actor, action: .mailing, purpose: Purpose.default(for: actor),
                               detail: "mailing \(mailing.id): audience counted")
        try await mayWrite(mailing, actor, audit)
        return try await store.countAudience(request(mailing, areaName: areaName, actor: actor, audit: audit))
    }

    /// Queues the mailing's emails: it must be approved (every approval it needs given).
    public func sendMailing(_ mailing: Mailing, areaName: String, actor: Actor, at instant: Timestamp = .now) async throws -> MailingSend {
        let audit = AuditEvent(at: instant, actor: actor, action: .mailing, purpose: Purpose.default(for: actor),
                               detail: "mailing \(mailing.id): send")
        try await mayWrite(mailing, actor, audit)
        return try await store.queueMailing(request(mailing, areaName: areaName, actor: actor, audit: audit))
    }

    /// What `person` was sent: for themselves (their own page) and the DPO; anyone else is refused and recorded.
    public func mailingsSent(to person: PersonID, actor: Actor) async throws -> [MailingReceived] {
        guard MailingPolicy.maySeeMailings(of: person, actor: actor) else {
            try await refuse(AuditEvent(actor: actor, action: .refused, purpose: Purpose.default(for: actor), detail: "mailings sent to a person",
                                        people: [person]), by: actor, why: "neither the person nor the data protection officer",
                             .forbidden("only the data protection officer sees what someone else was sent"))
        }
        return try await store.mailingsSent(to: person)
    }

    /// The keyed hash the suppression list keys `address` by: the erasure's suppression key,
    /// so an erased person's address is found on either list.
    public func addressHash(_ address: String) throws -> [UInt8] {
        try envelope.keys.current.identifierHash(SuppressionIdentifiers.email(address))
    }

    /// The recipient a one-click unsubscribe token names, if its signature holds.
    public func unsubscribeToken(_ text: String) throws -> UnsubscribeToken? {
        UnsubscribeToken.verified(text, with: try envelope.keys.current.unsubscribeKey)
    }

    private func request(_ mailing: Mailing, areaName: String, actor: Actor, audit: AuditEvent) throws -> AudienceRequest {
        let ring = try envelope.keys.current
        let unsubscribeKey = ring.unsubscribeKey
        let link = notices.unsubscribeLink
        return AudienceRequest(
            mailing: mailing, areaName: areaName,
            addressHash: { ring.identifierHash(SuppressionIdentifiers.email($0)) },
            unsubscribeLink: { link(UnsubscribeToken(recipient: $0).signed(with: unsubscribeKey)) },
            sender: MailingPerson(accountID: actor.accountID, name: actor.label), audit: audit, standing: actor.standing)
    }

    private func mayWrite(_ mailing: Mailing, _ actor: Actor, _ audit: AuditEvent) async throws {
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        let chain = Set(Area.chain(from: mailing.areaID, in: all).map(\.id))
        guard !MailingPolicy.mayWrite(actor, areaChain: chain) else { return }
        try await refuse(audit, by: actor, why: "no organiser's grant over the mailing's area",
                         .forbidden("only organisers over its area write to the people of area \(mailing.areaID)"))
    }
}
