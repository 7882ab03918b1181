import Foundation
public import WardenCore
public import WardenGate
public import WardenStore

/// The party's one suppression list: one-click unsubscribes, objections staff record,
/// bounces and complaints, and its export and import when the party changes provider. Every
/// entry is a keyed hash of the address; nothing here ever stores or shows an address.
public struct SuppressionService: Sendable {
    let gate: Gate
    let store: any MailingStore & LogStore

    /// The one-click unsubscribe (RFC 8058): the signed token is the only proof; no cookie,
    /// no sign-in. An unknown or altered token is refused and recorded.
    public func unsubscribe(token: String, at instant: Timestamp = .now) async throws -> UnsubscribeOutcome {
        guard let verified = try gate.unsubscribeToken(token), let outcome = try await store.unsubscribe(recipient: verified.recipient, at: instant) else {
            try await store.append(AuditEvent(at: instant, actorLabel: "unsubscribe link", accountID: nil, action: .mailing, purpose: nil,
                                              outcome: .refused, detail: "unsubscribe: a link Warden did not sign", dataClasses: [], people: []))
            throw WardenError.notFound("this unsubscribe link is not one Warden made; reply to the email instead and the party will take you off")
        }
        return outcome
    }

    /// Records that the owners of `addresses` object to direct marketing (or asked to be
    /// taken off), as staff heard it: an organiser over any area, or the DPO.
    public func record(_ reason: SuppressionReason, addresses: [String], note: String, actor: Actor, at instant: Timestamp = .now) async throws -> Int {
        let audit = AuditEvent(at: instant, actor: actor, action: .mailing, purpose: Purpose.default(for: actor),
                               detail: "suppression: \(addresses.count) address(es) recorded as \(reason.rawValue)")
        guard [.objected, .unsubscribed].contains(reason) else {
            throw WardenError.invalidRequest("reason: staff record objections and unsubscribes; bounces and complaints come from the mail reports")
        }
        guard MailingPolicy.mayRecordObjection(actor) else {
            try await gate.refuse(audit, by: actor, why: "neither an organiser nor the DPO", .forbidden("only organisers and the DPO record objections"))
        }
        for address in addresses where !ContactPoint.isPlausibleEmail(address) {
            throw WardenError.invalidRequest("addresses: line \((addresses.firstIndex(of: address) ?? 0) + 1) is not an email address")
        }
        let source = "staff: \(actor.label)" + (note.isEmpty ? "" : " (\(SafeText.line(note)))")
        let entries = try addresses.map { SuppressedHash(hash: try gate.addressHash($0), entry: SuppressionEntry(reason: reason, since: instant, source: source)) }
        return try await store.suppress(entries, audit: audit)
    }

    /// The list as a file of keyed hashes, for another Warden server of this party: the DPO's.
    public func export(actor: Actor) async throws -> String {
        try await gate.requireDataProtectionOfficer(actor, purpose: .dataProtection, detail: "suppression list: export",
                                                    "only the data protection officer exports the suppression list")
        let list = try await store.suppressionList()
        try await store.append(AuditEvent(actor: actor, action: .mailing, purpose: .dataProtection,
                                          detail: "suppression list: exported, \(list.count) entries"))
        return SuppressionFile.csv(list)
    }

    /// Adds every line of the file at `path` to the list, or nothing if any line has a
    /// problem; never removes an entry or weakens one. The DPO's.
    public func importFile(path: String, displayName: String, actor: Actor, at instant: Timestamp = .now) async throws -> (read: Int, added: Int) {
        let detail = "suppression list: import of \(displayName)"
        try await gate.requireDataProtectionOfficer(actor, purpose: .dataProtection, detail: detail,
                                                    "only the data protection officer imports a suppression list")
        let lines = try SuppressionFile.read(path: path, displayName: displayName, at: instant)
        let entries = try lines.map { key, entry in
            switch key {
            case .address(let address): SuppressedHash(hash: try gate.addressHash(address), entry: entry)
            case .hash(let hash): SuppressedHash(hash: hash, entry: entry)
            }
        }
        let added = try await store.suppress(entries, audit: AuditEvent(at: instant, actor: actor, action: .mailing, purpose: .dataProtection,
                                                                         detail: detail + ", \(entries.count) lines"))
        return (entries.count, added)
    }

    /// Whether `address` is on the list, and why: the DPO answering someone who asks.
    public func lookUp(_ address: String, actor: Actor) async throws -> SuppressionEntry? {
        try await gate.requireDataProtectionOfficer(actor, purpose: .dataProtection, detail: "suppression list: look-up",
                                                    "only the data protection officer looks addresses up on the suppression list")
        return try await store.suppression(of: try gate.addressHash(address))
    }

    public func counts() async throws -> [SuppressionReason: Int] {
        try await store.suppressionCounts()
    }

}
