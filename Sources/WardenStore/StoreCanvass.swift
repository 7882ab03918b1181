public import WardenCore

/// Walk lists to cut from one polling district's households for a campaign.
public struct WalkListCut: Sendable, Hashable {
    public var campaignID: CampaignID
    public var pollingDistrictID: AreaID
    /// About this many doors per list.
    public var doors: Int
    public var createdBy: String

    public init(campaignID: CampaignID, pollingDistrictID: AreaID, doors: Int, createdBy: String) {
        self.campaignID = campaignID
        self.pollingDistrictID = pollingDistrictID
        self.doors = doors
        self.createdBy = createdBy
    }
}

/// A walk list to hand to a canvasser, as the services decided it.
public struct WalkListAssignmentRequest: Sendable {
    public var listID: WalkListID
    public var accountID: AccountID
    public var grantedBy: String
    public var at: Timestamp
    public var audit: AuditEvent
    /// Checks the list's state and the canvasser's standing grants in the transaction, and
    /// says when the list's grant ends. Pure, from ``WalkListLifecycle`` and the policy.
    public var decide: @Sendable (WalkList, _ assigneeGrants: [Grant]) throws -> WalkListLifecycle.Assign

    public init(listID: WalkListID, accountID: AccountID, grantedBy: String, at: Timestamp, audit: AuditEvent,
                decide: @escaping @Sendable (WalkList, [Grant]) throws -> WalkListLifecycle.Assign) {
        self.listID = listID
        self.accountID = accountID
        self.grantedBy = grantedBy
        self.at = at
        self.audit = audit
        self.decide = decide
    }
}

/// One doorstep result to record, as the services decided and sealed it.
public struct CanvassWriteRequest: Sendable {
    public var result: CanvassResult
    /// The campaign of the result's walk list (the services know it: it never changes).
    public var campaignID: CampaignID
    /// The contact's identity, bound into its sealed answers.
    public var uid: String
    public var author: VersionAuthor
    public var audit: AuditEvent
    /// The standing of the actor the decision was made for, checked first in the transaction.
    public var standing: AccessStanding?
    /// Whether this writer may record a result for this person on this list. Pure, from the policy.
    public var decide: @Sendable (PersonRecord) -> WriteDecision
    /// Seals the answers under the person's data key (given when they have one), in the
    /// transaction; `nil` when there are no answers.
    public var seal: @Sendable (WrappedDataKey?) throws -> SealedAnswers?

    public init(result: CanvassResult, campaignID: CampaignID, uid: String, author: VersionAuthor, audit: AuditEvent,
                standing: AccessStanding?, decide: @escaping @Sendable (PersonRecord) -> WriteDecision,
                seal: @escaping @Sendable (WrappedDataKey?) throws -> SealedAnswers?) {
        self.result = result
        self.campaignID = campaignID
        self.uid = uid
        self.author = author
        self.audit = audit
        self.standing = standing
        self.decide = decide
        self.seal = seal
    }
}

/// Doorstep results to withdraw (``CanvassWithdrawal``): each person's newest result by the
/// account on the list since `since`.
public struct CanvassWithdrawalRequest: Sendable {
    public var people: [PersonID]
    public var walkListID: WalkListID
    public var accountID: AccountID
    public var since: Timestamp
    public var author: VersionAuthor
    public var audit: AuditEvent
    public var standing: AccessStanding?
    /// Whether this writer may still write to this person on this list. Pure, from the policy.
    public var decide: @Sendable (PersonRecord) -> WriteDecision

    public init(people: [PersonID], walkListID: WalkListID, accountID: AccountID, since: Timestamp, author: VersionAuthor,
                audit: AuditEvent, standing: AccessStanding?, decide: @escaping @Sendable (PersonRecord) -> WriteDecision) {
        self.people = people
        self.walkListID = walkListID
        self.accountID = accountID
        self.since = since
        self.author = author
        self.audit = audit
        self.standing = standing
        self.decide = decide
    }
}

/// Answers sealed for the store, and the person's new data key when they had none.
public struct SealedAnswers: Sendable, Hashable {
    public var ciphertext: [UInt8]
    /// Set when a data key was made for this write: its key-encryption key version and wrapping.
    public var newKey: (kekVersion: Int, wrapped: [UInt8])?

    public init(ciphertext: [UInt8], newKey: (kekVersion: Int, wrapped: [UInt8])?) {
        self.ciphertext = ciphertext
        self.newKey = newKey
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.ciphertext == rhs.ciphertext && lhs.newKey?.kekVersion == rhs.newKey?.kekVersion && lhs.newKey?.wrapped == rhs.newKey?.wrapped
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(ciphertext) }
}

/// What recording a doorstep result did.
public enum CanvassWriteOutcome: Sendable, Hashable {
    case recorded(contactID: Int64)
    case notFound
    case outOfScope
}

/// A value sealed directly under a key-encryption key (a person's data key, a second-factor
/// secret), for key rotation to rewrap.
public struct KeyEncryptedValue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case personKey, secondFactor }
    public var kind: Kind
    /// The row: a person key's id, or the account's id.
    public var id: Int64
    /// Whose it is (the person, or the account), which the sealing is bound to.
    public var owner: Int64
    public var kekVersion: Int
    public var sealed: [UInt8]

    public init(kind: Kind, id: Int64, owner: Int64, kekVersion: Int, sealed: [UInt8]) {
        self.kind = kind
        self.id = id
        self.owner = owner
        self.kekVersion = kekVersion
        self.sealed = sealed
    }
}
