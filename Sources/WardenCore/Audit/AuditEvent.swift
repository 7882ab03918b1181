/// One thing that happened, for the audit log: who, what, why, to how many people.
///
/// Carries no personal data of the people concerned beyond their identifiers; the log
/// must be safe to show to the data protection officer and to an outside auditor.
public struct AuditEvent: Sendable, Hashable, Codable {
    public var at: Timestamp
    /// ``Actor/label``: a username or the local operator.
    public var actor: String
    public var accountID: AccountID?
    public var action: AuditAction
    public var purpose: Purpose?
    public var outcome: Outcome
    /// Short machine-readable detail (a route, a file name, a count); never a subject's data.
    public var detail: String
    /// The data classes read or written.
    public var dataClasses: Set<DataClass>
    /// The people read or written, when known individually.
    public var people: [PersonID]
    /// The record versions this event wrote, bound into the entry by their digest.
    public var versions: VersionBinding?

    public enum Outcome: String, Sendable, Codable { case allowed, refused, failed }

    /// An event as stored: the actor already reduced to its label.
    public init(
        at: Timestamp, actorLabel: String, accountID: AccountID?, action: AuditAction, purpose: Purpose?,
        outcome: Outcome, detail: String, dataClasses: Set<DataClass>, people: [PersonID], versions: VersionBinding? = nil
    ) {
        self.at = at
        self.actor = actorLabel
        self.accountID = accountID
        self.action = action
        self.purpose = purpose
        self.outcome = outcome
        self.detail = detail
        self.dataClasses = dataClasses
        self.people = people
        self.versions = versions
    }

    public init(
        at: Timestamp = .now, actor: Actor, action: AuditAction, purpose: Purpose?, outcome: Outcome = .allowed,
        detail: String = "", dataClasses: Set<DataClass> = [], people: [PersonID] = []
    ) {
        self.at = at
        self.actor = actor.label
        self.accountID = actor.accountID
        self.action = action
        self.purpose = purpose
        self.outcome = outcome
        self.detail = detail
        self.dataClasses = dataClasses
        self.people = people
    }
}

/// What kind of thing an ``AuditEvent`` records.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case read, search, write, `import`, signIn = "sign_in", signOut = "sign_out"
    case accountCreated = "account_created", grantCreated = "grant_created", areasImported = "areas_imported"
    case refused
    case alertAcknowledged = "alert_acknowledged", grantApproved = "grant_approved", grantRevoked = "grant_revoked"
    case secondFactorEnrolled = "second_factor_enrolled", accessRevoked = "access_revoked"
    case passwordChanged = "password_changed", passwordReset = "password_reset"
    case investigation, rollback, verify
    case changeDisputed = "change_disputed"
    /// Campaigns, walk lists, assignments and sheets: organising a canvass, no one's data.
    case canvassOrganised = "canvass_organised"
    case keysRotated = "keys_rotated"
    /// A step of a subject access case (``SubjectAccessLifecycle``).
    case subjectAccess = "subject_access"
    /// A step of an erasure (``Erasure``): requested, refused, or carried out.
    case erasure
    /// A backup taken (``BackupManifest``), or the database restored from one (``LogRestore``).
    case backup, restore
    /// A step of an export (``ExportRequest``): requested, approved or refused, fetched, traced.
    case export
    /// A step of a ballot (``Ballot``): set up, frozen, a credential issued or voided, a share
    /// handed back, counted. Names voters only by identifier, and never a choice.
    case ballot
    /// A ballot cast: its tracker on the ballot's bulletin board, with no voter.
    case ballotCast = "ballot_cast"
    /// A step of a mailing (``Mailing``): written, counted, approved, sent (who, the rule, the
    /// count, the approvals); an unsubscribe, a bounce or a change to the suppression list.
    /// Names no address.
    case mailing
    /// A volunteer's sign-up, its confirmation, or a change an organiser made to a volunteer.
    case volunteer
    /// An event made, changed or cancelled; an RSVP, its confirmation or cancellation, a
    /// place that came up, a reminder; a search, check-in or walk-in at the door.
    case event
}
