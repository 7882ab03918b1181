public import WardenCore

/// A mailing as its author writes it: the area by code, the message, its class and its rule.
public struct MailingDraft: Sendable, Hashable {
    public var areaCode: String
    public var subject: String
    public var body: String
    public var mailClass: MailClass
    public var audience: Audience
    public var aboutCandidates: Bool

    public init(areaCode: String, subject: String, body: String, mailClass: MailClass, audience: Audience, aboutCandidates: Bool = false) {
        self.areaCode = areaCode
        self.subject = subject
        self.body = body
        self.mailClass = mailClass
        self.audience = audience
        self.aboutCandidates = aboutCandidates
    }
}

/// What the author sees before sending: the count, and the message as a recipient gets it,
/// rendered for nobody in particular.
public struct MailingPreview: Sendable, Hashable {
    public var mailing: Mailing
    public var count: AudienceCount
    public var sampleSubject: String
    public var sampleBody: String
    /// The approvals a send of this size needs now.
    public var approvalsNeeded: [MailingApproval.Kind]
}
