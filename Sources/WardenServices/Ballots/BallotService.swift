import AgeEncryption
import Crypto
import Foundation
public import WardenCore
public import WardenGate
public import WardenStore

/// Members' ballots from set-up to the published count.
///
/// The service draws the ballot's secrets and hands them on: at the freeze, the key that
/// seals rankings (its private half split 2-of-3 among the trustees, each share sealed with
/// age to that trustee's own key, and the whole key forgotten), the key that makes the
/// electorate's references and the seed for any lot (committed in the log). After the close,
/// two trustees hand their shares back, and the count opens the box, counts and publishes.
/// Everything that touches a voter goes through the Gate.
public struct BallotService: Sendable {
    let gate: Gate
    let store: any BallotStore & AccountStore & AreaStore

    /// The form a trustee's share takes, sealed to them and handed back: the ballot, the
    /// share's x and its bytes.
    static let sharePrefix = "warden-ballot-share-v1"

    // MARK: Set-up

    // Each step that depends on where the ballot stands takes the instant it happens (now, but
    // for the tests and the benchmark, which step a ballot through its timeline in seconds).

    /// Sets up a ballot as `draft` describes it (trustees and agents by username).
    public func create(_ draft: BallotDraft, actor: Actor) async throws -> Ballot {
        let audit = AuditEvent(actor: actor, action: .ballot, purpose: .membershipAdministration, detail: "ballot: set up")
        let areas = Dictionary(uniqueKeysWithValues: try await store.allAreas().map { ($0.id, $0) })
        guard let area = areas.values.first(where: { $0.code == draft.areaCode }) else {
            throw WardenError.invalidRequest("area: no area with code \(draft.areaCode)")
        }
        guard BallotPolicy.maySetUp(actor, areaChain: Set(Area.chain(from: area.id, in: areas).map(\.id))) else {
            try await gate.refuse(audit, by: actor, why: "no membership secretary grant over the ballot's area",
                                  .forbidden("setting up a ballot needs a membership secretary grant over its area"))
        }
        guard draft.trustees.count == 3 else { throw WardenError.invalidRequest("trustees: a returning officer and two scrutineers") }
        var trustees: [Trustee] = []
        for (role, name) in zip([Trustee.Role.returningOfficer, .scrutineer, .scrutineer], draft.trustees) {
            trustees.append(Trustee(role: role, accountID: try await account(name, field: "trustees"), username: name))
        }
        var agents: [BallotAgent] = []
        for name in draft.agents {
            agents.append(BallotAgent(accountID: try await account(name, field: "agents"), username: name))
        }
        let candidates = draft.candidates.map { $0.trimmingCharacters(in: .whitespaces) } + (draft.reopenNominations ? [Ballot.reopenNominations] : [])
        let ballot = Ballot(
            title: draft.title.trimmingCharacters(in: .whitespaces), areaID: area.id,
            electorate: ElectorateRule(joinedOnOrBefore: draft.joinedOnOrBefore, inArrearsMayVote: draft.inArrearsMayVote),
            candidates: candidates, seats: draft.seats, channels: draft.channels, freezeAt: draft.freezeAt, opensAt: draft.opensAt,
            closesAt: draft.closesAt, trustees: trustees, agents: agents,
            coolingOffHours: draft.coolingOffHours, createdBy: actor.label, createdAt: audit.at)
        if let problem = BallotPolicy.problems(with: ballot, by: actor).first { throw WardenError.invalidRequest(problem) }
        return try await store.createBallot(ballot, audit: audit)
    }

    public func ballot(_ id: BallotID) async throws -> Ballot {
        guard let ballot = try await store.ballot(id) else { throw WardenError.notFound("no ballot \(id)") }
        return ballot
    }

    public func ballots(limit: Int = 100) async throws -> [Ballot] {
        try await store.ballots(limit: limit)
    }

    /// Records the age public key (`age1…`) trustee `username`'s share will be sealed to, before
    /// the freeze: given by the trustee (``BallotPolicy/mayGiveKey(_:for:)``), and no other
    /// trustee's, so no one holds two shares.
    public func setTrusteeKey(_ id: BallotID, username: String, recipient: String, actor: Actor) async throws {
        var ballot = try await ballot(id)
        let audit = AuditEvent(actor: actor, action: .ballot, purpose: .membershipAdministration,
                               detail: "ballot \(id): key of trustee \(username)")
        guard let seat = ballot.trustees.firstIndex(where: { $0.username == username }) else {
            throw WardenError.notFound("\(username) is not a trustee of ballot \(id)")
        }
        guard BallotPolicy.mayGiveKey(actor, for: ballot.trustees[seat]) else {
            try await gate.refuse(audit, by: actor, why: "not that trustee", .forbidden("a trustee's key is theirs alone to give"))
        }
        guard (try? X25519Recipient(recipient)) != nil else {
            throw WardenError.invalidRequest("recipient: not an age public key (age1…, as age-keygen prints)")
        }
        guard !ballot.trustees.enumerated().contains(where: { $0.offset != seat && $0.element.recipient == recipient }) else {
            throw WardenError.conflict("recipient: another trustee's key; each share must be sealed to its own trustee")
        }
        ballot.trustees[seat].recipient = recipient
        try await store.updateTrustees(of: ballot, audit: audit)
    }

    // MARK: The freeze

    /// Freezes the electorate and draws the ballot's key, its shares and the lot seed.
    public func freeze(_ id: BallotID, actor: Actor, at instant: Timestamp = .now) async throws -> FrozenElectorate {
        let ballot = try await ballot(id)
        let recipients = try ballot.trustees.map { trustee in
            guard let text = trustee.recipient, let recipient = try? X25519Recipient(text) else {
                throw WardenError.conflict("trustee \(trustee.username) has not given the age key their share is sealed to")
            }
            return recipient
        }
        var random = SystemRandomNumberGenerator()
        let key = try BallotSeal.newKey(threshold: 2, count: 3, using: &random)
        let sealed = try zip(key.shares, recipients).map { share, recipient in
            Array(try Age.encrypt(Data(Self.shareText(share, ballot: id).utf8), recipients: [recipient]))
        }
        return try await gate.freezeElectorate(ballot, electorateKey: Self.randomBytes(32, &random), publicKey: Array(key.publicKey.rawRepresentation),
                                               sealedShares: sealed, lotSeed: Self.randomBytes(32, &random), actor: actor, at: instant)
    }

    /// Trustee `actor`'s share (or, for the local operator, trustee `trustee`'s), sealed to
    /// their age key: only they can open it, with `age -d`.
    public func sealedShare(_ id: BallotID, trustee: String? = nil, actor: Actor) async throws -> [UInt8] {
        let ballot = try await ballot(id)
        guard let seat = Self.seat(in: ballot, trustee: trustee, actor: actor), let sealed = try await store.sealedShare(of: id, seat: seat) else {
            throw WardenError.notFound("you hold no share of ballot \(id)'s key")
        }
        return sealed
    }

    /// The seat (1 to 3) of trustee `actor`, or of the trustee named by the local operator, who acts for a trustee at the server.
    static func seat(in ballot: Ballot, trustee: String?, actor: Actor) -> Int? {
        let isOperator = if case .localOperator = actor.kind { true } else { false }
        let index = if isOperator, let trustee { ballot.trustees.firstIndex { $0.username == trustee } }
            else { ballot.trustees.firstIndex { $0.accountID == actor.accountID } }
        return index.map { $0 + 1 }
    }

    // MARK: Voting

    public func issueCredential(_ id: BallotID, to voter: BallotVoter, channel: BallotChannel, actor: Actor,
                                at instant: Timestamp = .now) async throws -> IssuedCredential {
        var random = SystemRandomNumberGenerator()
        return try await gate.issueCredential(try await ballot(id), to: voter, channel: channel, actor: actor, at: instant, using: &random)
    }

    public func voidCredential(_ id: BallotID, of voter: BallotVoter, reason: String, actor: Actor, at instant: Timestamp = .now) async throws {
        try await gate.voidCredential(try await ballot(id), of: voter, reason: reason, actor: actor, at: instant)
    }

    /// Casts `ranking` with `credential`; returns the tracker the voter keeps.
    public func cast(_ id: BallotID, credential: String, ranking: [Int], at instant: Timestamp = .now) async throws -> String {
        try await gate.cast(try await ballot(id), credential: credential, ranking: ranking, at: instant)
    }

    public func markedRegister(_ id: BallotID, actor: Actor) async throws -> [MarkedRegisterLine] {
        try await gate.markedRegister(try await ballot(id), actor: actor)
    }

    public func ownInclusion(_ id: BallotID, actor: Actor) async throws -> Electorate.Inclusion? {
        try await gate.ownInclusion(in: try await ballot(id), actor: actor)
    }

    /// A tracker's entry on the bulletin board: its leaf in the log, for an inclusion proof against a checkpoint.
    public func boardEntry(_ id: BallotID, tracker: String) async throws -> BoardEntry {
        guard let entry = try await store.boardEntry(of: id, tracker: tracker.lowercased()) else {
            throw WardenError.notFound("no ballot with that tracker on ballot \(id)'s board")
        }
        return entry
    }

    // MARK: Held contact changes

    public func heldChanges(_ id: BallotID, actor: Actor) async throws -> [HeldContactChange] {
        try await gate.heldChanges(try await ballot(id), actor: actor)
    }

    /// The voter's answer to a held change, through the link in the email sent to the address they had at the freeze.
    public func answerHeldChange(token: String, confirm: Bool) async throws -> HeldContactChange.State {
        try await gate.answerHeldChange(tokenHash: Authentication.hash(token), confirm: confirm)
    }

    /// The returning officer's answer for a voter.
    public func answerHeldChange(_ hold: Int64, on id: BallotID, confirm: Bool, actor: Actor) async throws -> HeldContactChange.State {
        try await gate.answerHeldChange(hold, on: try await ballot(id), confirm: confirm, actor: actor)
    }

    /// Makes confirmed changes whose cooling-off has ended, and lapses those unconfirmed at their ballot's close.
    public func releaseHeldChanges(at instant: Timestamp = .now) async throws -> (applied: Int, lapsed: Int) {
        try await gate.releaseHeldChanges(at: instant)
    }

    /// Takes away the order ballots were cast in (``BallotBoxMixing``): run by the server's
    /// housekeeping every minute while a ballot takes votes.
    public func mixBallotBoxes() async throws -> Int {
        try await store.mixBallotBoxes()
    }

    // MARK: The count

    /// Takes back trustee `actor`'s share (the text `age -d` gave them) after the close;
    /// returns how many of the three are in hand.
    public func returnShare(_ id: BallotID, share text: String, trustee: String? = nil, actor: Actor, at instant: Timestamp = .now) async throws -> Int {
        let ballot = try await ballot(id)
        let audit = AuditEvent(at: instant, actor: actor, action: .ballot, purpose: .membershipAdministration,
                               detail: "ballot \(id): share handed back" + (trustee.map { " by \($0)" } ?? ""))
        guard let seat = Self.seat(in: ballot, trustee: trustee, actor: actor) else {
            try await gate.refuse(audit, by: actor, why: "not a trustee of the ballot", .forbidden("only ballot \(id)'s trustees hold its key"))
        }
        guard ballot.phase(at: audit.at) == .closed else { throw WardenError.conflict("ballot \(id)'s key is opened only after the close, once") }
        let share = try Self.share(from: text, ballot: id)
        guard share.x == UInt8(seat) else { throw WardenError.invalidRequest("share: not the share sealed to you") }
        return try await store.returnShare(of: id, seat: seat, share: [share.x] + share.y, audit: audit).count
    }

    /// Opens the key with the shares handed back, counts and publishes, after the close.
    public func count(_ id: BallotID, actor: Actor, at instant: Timestamp = .now) async throws -> BallotResult {
        let ballot = try await ballot(id)
        let audit = AuditEvent(at: instant, actor: actor, action: .ballot, purpose: .membershipAdministration, detail: "ballot \(id): counted")
        guard ballot.trustee(actor.accountID) != nil || BallotPolicy.mayRun(actor, ballot) else {
            try await gate.refuse(audit, by: actor, why: "not a trustee of the ballot", .forbidden("only ballot \(id)'s trustees count it"))
        }
        guard ballot.phase(at: audit.at) == .closed, let frozen = ballot.frozen,
              let publicKey = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: frozen.publicKey) else {
            throw WardenError.conflict("ballot \(id) is counted once, after it closes")
        }
        let box = try await store.ballotBox(id)
        guard box.returnedShares.count >= 2 else {
            throw WardenError.conflict("two trustees must hand back their shares first: \(box.returnedShares.count) of 3 so far")
        }
        let shares = box.returnedShares.sorted { $0.key < $1.key }.prefix(2).map { Shamir.Share(x: $0.value[0], y: Array($0.value.dropFirst())) }
        let key = try BallotSeal.openKey(shares, publicKey: publicKey)
        let openedBy = box.returnedShares.keys.sorted().prefix(2).map { ballot.trustees[$0 - 1].username }
        let trackers = Set(box.sealed.map(\.tracker))
        guard trackers == box.trackersOnBoard else {
            throw WardenError.conflict("the box and the bulletin board differ: \(trackers.subtracting(box.trackersOnBoard).count) ballots not on the board, "
                                       + "\(box.trackersOnBoard.subtracting(trackers).count) on the board not in the box")
        }
        guard BallotCount.commitment(to: box.lotSeed) == frozen.lotCommitment else {
            throw WardenError.conflict("the lot seed is not the one committed at the freeze")
        }
        let result = try BallotCount.count(ballot, sealed: box.sealed, key: key, lotSeed: box.lotSeed, credentialsSpent: box.credentialsSpent,
                                           trackersOnBoard: box.trackersOnBoard.count, openedBy: openedBy, at: audit.at)
        var event = audit
        event.detail += ": key opened by \(openedBy.joined(separator: " and ")); \(result.ballotsStored) ballots, "
            + "\(result.credentialsSpent) credentials spent, \(result.trackersOnBoard) trackers on the board; elected "
            + result.transcript.elected.map { ballot.candidates[$0 - 1] }.joined(separator: ", ")
        try await store.publishResult(result, of: id, audit: event)
        return result
    }

    public func result(_ id: BallotID) async throws -> BallotResult {
        guard let result = try await store.result(of: id) else { throw WardenError.notFound("ballot \(id) has not been counted") }
        return result
    }

    // MARK: Helpers

    private func account(_ username: String, field: String) async throws -> AccountID {
        guard let id = try await store.accountID(username: username) else { throw WardenError.invalidRequest("\(field): no account \(username)") }
        return id
    }

    static func shareText(_ share: Shamir.Share, ballot: BallotID) -> String {
        "\(sharePrefix) \(ballot) \(share.x) \(Hex.encode(share.y))\n"
    }

    static func share(from text: String, ballot: BallotID) throws -> Shamir.Share {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 4, words[0] == sharePrefix, let x = UInt8(words[2]), let y = Hex.decode(String(words[3])), y.count == 32 else {
            throw WardenError.invalidRequest("share: not a ballot share (\(sharePrefix) BALLOT X HEX, as age -d gives it)")
        }
        guard words[1] == Substring(ballot.description) else { throw WardenError.invalidRequest("share: a share of another ballot") }
        return Shamir.Share(x: x, y: y)
    }

    static func randomBytes(_ count: Int, _ random: inout SystemRandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &random) }
    }
}

/// A ballot as its organiser sets it up: areas by code, trustees and agents by username.
public struct BallotDraft: Sendable, Codable {
    public var title: String
    public var areaCode: String
    public var candidates: [String]
    public var reopenNominations: Bool
    public var seats: Int
    public var joinedOnOrBefore: CalendarDate
    public var inArrearsMayVote: Bool
    public var channels: Set<BallotChannel>
    public var freezeAt: Timestamp
    public var opensAt: Timestamp
    public var closesAt: Timestamp
    /// The returning officer, then two scrutineers.
    public var trustees: [String]
    public var agents: [String]
    public var coolingOffHours: Int

    public init(title: String, areaCode: String, candidates: [String], reopenNominations: Bool = false, seats: Int = 1,
                joinedOnOrBefore: CalendarDate, inArrearsMayVote: Bool = false, channels: Set<BallotChannel> = [.online],
                freezeAt: Timestamp, opensAt: Timestamp, closesAt: Timestamp, trustees: [String], agents: [String] = [], coolingOffHours: Int = 48) {
        self.title = title
        self.areaCode = areaCode
        self.candidates = candidates
        self.reopenNominations = reopenNominations
        self.seats = seats
        self.joinedOnOrBefore = joinedOnOrBefore
        self.inArrearsMayVote = inArrearsMayVote
        self.channels = channels
        self.freezeAt = freezeAt
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.trustees = trustees
        self.agents = agents
        self.coolingOffHours = coolingOffHours
    }
}
