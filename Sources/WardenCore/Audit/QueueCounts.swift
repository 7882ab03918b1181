/// Counts of the outbox and notice queues, for the DPO.
public struct QueueCounts: Sendable, Hashable, Codable {
    public var mailQueued: Int
    public var mailSent: Int
    public var mailFailed: Int
    public var postalToPrint: Int
    public var textsWithoutGateway: Int

    public init(mailQueued: Int, mailSent: Int, mailFailed: Int, postalToPrint: Int, textsWithoutGateway: Int) {
        self.mailQueued = mailQueued
        self.mailSent = mailSent
        self.mailFailed = mailFailed
        self.postalToPrint = postalToPrint
        self.textsWithoutGateway = textsWithoutGateway
    }
}
