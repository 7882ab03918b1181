// What a ballot's voters are, as the Gate hands them out: which voter, the marked
// register's lines, a credential just issued, and a tracker's place on the bulletin board.

/// Which voter: by membership number (the returning officer's desk) or by person (a member asking for their own).
public enum BallotVoter: Sendable, Hashable {
    case membershipNumber(String)
    case person(PersonID)
}

/// One voter on the marked register: no name, no choice.
public struct MarkedRegisterLine: Sendable, Hashable, Codable {
    public var reference: String
    /// The channel of the live credential, if one was issued.
    public var issued: BallotChannel?
    /// Credentials issued in all (more than one: re-issued).
    public var issues: Int
    public var voted: Bool
    /// Someone other than the voter changed their contact details in the 60 days before the freeze.
    public var contactsChangedBeforeFreeze: Bool

    public init(reference: String, issued: BallotChannel?, issues: Int, voted: Bool, contactsChangedBeforeFreeze: Bool) {
        self.reference = reference
        self.issued = issued
        self.issues = issues
        self.voted = voted
        self.contactsChangedBeforeFreeze = contactsChangedBeforeFreeze
    }
}

/// A credential just issued.
public struct IssuedCredential: Sendable, Hashable, Codable {
    /// For the returning officer to hand over or post; `nil` when it was emailed.
    public var credential: String?
    public var replaced: Bool
    public var usableFrom: Timestamp
    public var noticesEmailed: Int
    public var noticesToPost: Int

    public init(credential: String?, replaced: Bool, usableFrom: Timestamp, noticesEmailed: Int, noticesToPost: Int) {
        self.credential = credential
        self.replaced = replaced
        self.usableFrom = usableFrom
        self.noticesEmailed = noticesEmailed
        self.noticesToPost = noticesToPost
    }
}

/// A tracker's entry on the bulletin board: the ballot box's log entry for it.
public struct BoardEntry: Sendable, Hashable, Codable {
    public var tracker: String
    /// The entry's leaf index, once the log has numbered it.
    public var leaf: UInt64?
    public var at: Timestamp

    public init(tracker: String, leaf: UInt64?, at: Timestamp) {
        self.tracker = tracker
        self.leaf = leaf
        self.at = at
    }
}
