/// Something the data protection officer must look at now: a refused attempt by a revoked
/// account, an exhausted read budget, a burst of failed sign-ins, a read outside a grant's
/// scope, or a pattern that looks like someone walking through the data.
public struct Alert: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var at: Timestamp
    public var kind: AlertKind
    public var accountID: AccountID?
    /// The account's username, or the client for sign-in bursts. Never a subject's data.
    public var actor: String
    public var detail: String
    public var acknowledgedAt: Timestamp?
    public var acknowledgedBy: String?

    public init(id: Int64, at: Timestamp, kind: AlertKind, accountID: AccountID?, actor: String, detail: String,
                acknowledgedAt: Timestamp? = nil, acknowledgedBy: String? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.accountID = accountID
        self.actor = actor
        self.detail = detail
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
    }
}

/// The kinds of ``Alert``.
public enum AlertKind: String, Sendable, Codable, CaseIterable {
    case revokedAccess = "revoked_access"
    case budgetExhausted = "budget_exhausted"
    case failedSignIns = "failed_sign_ins"
    case outOfScope = "out_of_scope"
    case enumeration
    /// A member said a change to their contact details "wasn't me".
    case changeDisputed = "change_disputed"
    /// `warden verify` (or the server's scheduled check) found the log or a record altered.
    case tampering
    /// A grant to oneself, a grant over the whole party, or the revocation of a DPO's or an
    /// administrator's access.
    case grant
    /// Many contact details changed by one actor in a short time, or many members of one
    /// area changed during a watched period (a selection).
    case contactChanges = "contact_changes"
    /// People read far faster than a person reads.
    case readRate = "read_rate"
    /// The same walk sheet printed again and again.
    case reprint
    /// An administrator reset someone's password and second factor: the way to take over
    /// an account, so its owner and the DPO must hear of it.
    case credentialReset = "credential_reset"
    /// A subject access case is due within a week, or overdue.
    case subjectAccessDue = "subject_access_due"
    /// A scheduled backup failed, failed its check, or is overdue.
    case backup
    /// Someone tried to vote with a credential voided or issued again and still held: the
    /// pattern of a ballot taken in another's name (seed 004).
    case ballot
}

/// An alert to raise: the store records it and queues an email to the DPO in the same
/// transaction as the event that caused it.
public struct AlertDraft: Sendable, Hashable {
    public var kind: AlertKind
    public var accountID: AccountID?
    public var actor: String
    public var detail: String

    /// `actor` and `detail` may hold text anyone typed (a username at the sign-in form): they are
    /// neutralised here, once, so no alert can carry a control sequence to a terminal or an email.
    public init(kind: AlertKind, accountID: AccountID?, actor: String, detail: String) {
        self.kind = kind
        self.accountID = accountID
        self.actor = SafeText.line(String(actor.prefix(Self.maximumActorLength)))
        self.detail = SafeText.line(detail)
    }

    /// Longer "usernames" from the sign-in form are cut to this.
    public static let maximumActorLength = 64
}
