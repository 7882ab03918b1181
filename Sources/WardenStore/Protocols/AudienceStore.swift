public import WardenCore

/// A mailing's audience: counted, and queued as one email per address, inside the store.
///
/// SPI: only the Gate reaches these, as it reaches every person; neither hands an address or
/// a name back. Each method is one transaction with its audit entry.
@_spi(Gate) public protocol AudienceStore: Sendable {
    /// How many people the mailing's rule finds now and how many emails a send would queue.
    func countAudience(_ request: AudienceRequest) async throws -> AudienceCount
    /// Queues one email per address the rule finds now, after consent and suppression, each
    /// with its recipient row and (campaigning) its unsubscribe link; marks the mailing sent.
    func queueMailing(_ request: AudienceRequest) async throws -> MailingSend
    /// What `person` was sent: each mailing's subject, class and when, for their own record.
    func mailingsSent(to person: PersonID) async throws -> [MailingReceived]
}

/// A count or a send, as the Gate decided it.
@_spi(Gate) public struct AudienceRequest: Sendable {
    public var mailing: Mailing
    /// The name of the mailing's area, for the `area` merge field.
    public var areaName: String
    /// The keyed hash of an address, as the suppression list keys it.
    public var addressHash: @Sendable (String) -> [UInt8]
    /// The one-click unsubscribe link of a recipient row.
    public var unsubscribeLink: @Sendable (Int64) -> String
    /// Who sends it (a send only).
    public var sender: MailingPerson
    public var audit: AuditEvent
    public var standing: AccessStanding?

    public init(mailing: Mailing, areaName: String, addressHash: @escaping @Sendable (String) -> [UInt8],
                unsubscribeLink: @escaping @Sendable (Int64) -> String, sender: MailingPerson, audit: AuditEvent, standing: AccessStanding?) {
        self.mailing = mailing
        self.areaName = areaName
        self.addressHash = addressHash
        self.unsubscribeLink = unsubscribeLink
        self.sender = sender
        self.audit = audit
        self.standing = standing
    }
}
