public import WardenCore

/// A ballot's voters: the frozen electorate, credentials, casting and the marked register.
///
/// SPI: only the Gate reaches these, as it reaches every person. Each method is one
/// transaction with its audit entry.
@_spi(Gate) public protocol ElectorateStore: HeldChangeStore {
    /// Fixes the electorate as the request's rule finds it now, the contact points each voter
    /// holds, and the ballot's key material; logs the size, the root and the lot commitment.
    func freezeElectorate(_ request: ElectorateFreeze) async throws -> FrozenElectorate
    func issueCredential(_ request: CredentialIssue) async throws -> CredentialIssueOutcome
    /// Voids the voter's live credential, noticed to their contact points held at the freeze.
    func voidCredential(_ request: CredentialVoid) async throws -> Bool
    /// Spends a credential and stores its sealed ranking, together or not at all.
    func cast(_ request: BallotCast) async throws -> BallotCastOutcome
    /// Each voter's reference, the channel of their live credential and whether it was spent.
    func markedRegister(of ballot: BallotID, audit: AuditEvent) async throws -> [MarkedRegisterLine]
    /// `person`'s reference on the ballot's electorate and its inclusion proof, or `nil` if they are not on it.
    func inclusion(of person: PersonID, in ballot: BallotID, audit: AuditEvent) async throws -> Electorate.Inclusion?
}

/// The freeze, as the Gate decided it.
@_spi(Gate) public struct ElectorateFreeze: Sendable {
    public var ballot: Ballot
    public var electorateKey: [UInt8]
    public var publicKey: [UInt8]
    /// Each trustee's share, sealed to their recipient, in seat order.
    public var sealedShares: [[UInt8]]
    public var lotSeed: [UInt8]
    public var audit: AuditEvent
    public var standing: AccessStanding?

    public init(ballot: Ballot, electorateKey: [UInt8], publicKey: [UInt8], sealedShares: [[UInt8]], lotSeed: [UInt8],
                audit: AuditEvent, standing: AccessStanding?) {
        self.ballot = ballot
        self.electorateKey = electorateKey
        self.publicKey = publicKey
        self.sealedShares = sealedShares
        self.lotSeed = lotSeed
        self.audit = audit
        self.standing = standing
    }
}

/// A credential to issue, as the Gate decided it.
@_spi(Gate) public struct CredentialIssue: Sendable {
    public var ballot: Ballot
    public var voter: BallotVoter
    public var channel: BallotChannel
    public var credential: String
    public var audit: AuditEvent
    public var standing: AccessStanding?

    public init(ballot: Ballot, voter: BallotVoter, channel: BallotChannel, credential: String, audit: AuditEvent, standing: AccessStanding?) {
        self.ballot = ballot
        self.voter = voter
        self.channel = channel
        self.credential = credential
        self.audit = audit
        self.standing = standing
    }
}

public enum CredentialIssueOutcome: Sendable, Hashable {
    /// Issued; `replaced` when it voids an earlier one (and so waits `usableFrom`).
    case issued(replaced: Bool, usableFrom: Timestamp, notices: Int, toPost: Int)
    case notOnElectorate
    /// An online credential goes only to an email address held at the freeze.
    case noEmailHeld
}

@_spi(Gate) public struct CredentialVoid: Sendable {
    public var ballot: Ballot
    public var voter: BallotVoter
    public var audit: AuditEvent
    public var standing: AccessStanding?

    public init(ballot: Ballot, voter: BallotVoter, audit: AuditEvent, standing: AccessStanding?) {
        self.ballot = ballot
        self.voter = voter
        self.audit = audit
        self.standing = standing
    }
}

@_spi(Gate) public struct BallotCast: Sendable {
    public var ballot: Ballot
    public var credentialHash: [UInt8]
    public var sealed: BallotSeal.Sealed
    public var at: Timestamp

    public init(ballot: Ballot, credentialHash: [UInt8], sealed: BallotSeal.Sealed, at: Timestamp) {
        self.ballot = ballot
        self.credentialHash = credentialHash
        self.sealed = sealed
        self.at = at
    }
}

public enum BallotCastOutcome: Sendable, Hashable {
    case cast(tracker: String)
    /// No credential of this ballot has this hash.
    case unknownCredential
    case alreadySpent
    case voided
    /// Issued again: it may be used from `until`, once the voter has had time to say it was not them.
    case held(until: Timestamp)
    /// The voter's membership is not in good standing as the ballot's rule asks.
    case notInGoodStanding
}

/// Contact changes held during ballots (``HeldContactChange``).
@_spi(Gate) public protocol HeldChangeStore: Sendable {
    /// The changes held on `ballot`'s electorate, oldest first.
    func heldChanges(of ballot: BallotID, audit: AuditEvent) async throws -> [HeldContactChange]
    /// Confirms or refuses a held change still awaiting confirmation.
    func answerHeldChange(_ answer: HeldChangeAnswer) async throws -> HeldContactChange.State?
    /// Makes the confirmed changes whose cooling-off ended by `instant`, and lapses those
    /// still unconfirmed when their ballot closed; returns how many of each.
    func releaseHeldChanges(at instant: Timestamp, notices: NoticeMaker) async throws -> (applied: Int, lapsed: Int)
}

/// A voter's answer to a held change (by the link sent to them), or the returning officer's.
@_spi(Gate) public struct HeldChangeAnswer: Sendable {
    public enum Which: Sendable {
        /// The hash of the token in the link sent to the voter.
        case token([UInt8])
        /// A held change on this ballot, answered by its returning officer.
        case held(Int64, ballot: BallotID)
    }

    public var which: Which
    public var confirm: Bool
    public var audit: AuditEvent

    public init(which: Which, confirm: Bool, audit: AuditEvent) {
        self.which = which
        self.confirm = confirm
        self.audit = audit
    }
}
