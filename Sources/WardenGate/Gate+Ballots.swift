import Crypto
public import WardenCore
@_spi(Gate) public import WardenStore

/// A ballot's voters: the freeze, credentials, casting, the marked register and a member's
/// own place on the electorate. The returning officer runs the ballot (``BallotPolicy``); a
/// member may ask for their own online credential, sent only to the email they had at the
/// freeze; casting needs no account at all, only a live credential.
extension Gate {
    /// Fixes `ballot`'s electorate and contact points now, with the key material the service drew.
    public func freezeElectorate(
        _ ballot: Ballot, electorateKey: [UInt8], publicKey: [UInt8], sealedShares: [[UInt8]], lotSeed: [UInt8], actor: Actor,
        at instant: Timestamp = .now
    ) async throws -> FrozenElectorate {
        let audit = AuditEvent(at: instant, actor: actor, action: .ballot, purpose: .membershipAdministration, detail: "ballot \(ballot.id): freeze")
        try await mayRun(ballot, actor, audit)
        guard ballot.phase(at: audit.at) == .setUp, audit.at < ballot.opensAt else {
            throw WardenError.conflict("ballot \(ballot.id) is \(ballot.phase(at: audit.at).words): only a ballot not yet frozen or open can be frozen")
        }
        guard audit.at >= ballot.freezeAt else {
            throw WardenError.conflict("ballot \(ballot.id) freezes at \(ballot.freezeAt), not before")
        }
        return try await store.freezeElectorate(ElectorateFreeze(
            ballot: ballot, electorateKey: electorateKey, publicKey: publicKey, sealedShares: sealedShares, lotSeed: lotSeed,
            audit: audit, standing: actor.standing))
    }

    /// Issues `voter` a credential by `channel`, voiding any earlier one. Online, it is emailed
    /// to the address held at the freeze and not returned; in person or by post it is returned
    /// for the returning officer to hand over or print, once.
    public func issueCredential(_ ballot: Ballot, to voter: BallotVoter, channel: BallotChannel, actor: Actor, at instant: Timestamp = .now,
                                using random: inout some RandomNumberGenerator) async throws -> IssuedCredential {
        let own = voter == .person(actor.personID ?? PersonID(-1))
        let audit = AuditEvent(at: instant, actor: actor, action: .ballot, purpose: own ? .selfService : .membershipAdministration,
                               detail: "ballot \(ballot.id): credential \(channel.rawValue)")
        // A member may ask for their own, online only: it goes where nobody who changed their details can read it.
        if !(own && channel == .online) { try await mayRun(ballot, actor, audit) }
        guard ballot.channels.contains(channel) else {
            throw WardenError.invalidRequest("channel: ballot \(ballot.id) does not take votes \(channel.words)")
        }
        guard [.frozen, .open].contains(ballot.phase(at: audit.at)) else {
            throw WardenError.conflict("ballot \(ballot.id) issues credentials between its freeze and its close")
        }
        let credential = BallotCredential.make(using: &random)
        let outcome = try await store.issueCredential(CredentialIssue(
            ballot: ballot, voter: voter, channel: channel, credential: credential, audit: audit, standing: actor.standing))
        switch outcome {
        case .issued(let replaced, let usableFrom, let notices, let toPost):
            return IssuedCredential(credential: channel == .online ? nil : credential, replaced: replaced, usableFrom: usableFrom,
                                    noticesEmailed: notices, noticesToPost: toPost)
        case .notOnElectorate: throw WardenError.notFound("no such voter on ballot \(ballot.id)'s electorate")
        case .noEmailHeld: throw WardenError.conflict("this voter had no email address at the freeze: issue their credential in person or by post")
        }
    }

    /// Voids `voter`'s live credential (the returning officer, on a voter's word that an issue was not theirs).
    public func voidCredential(_ ballot: Ballot, of voter: BallotVoter, reason: String, actor: Actor, at instant: Timestamp = .now) async throws {
        let audit = AuditEvent(at: instant, actor: actor, action: .ballot, purpose: .membershipAdministration,
                               detail: "ballot \(ballot.id): void credential (\(reason))")
        try await mayRun(ballot, actor, audit)
        guard try await store.voidCredential(CredentialVoid(ballot: ballot, voter: voter, audit: audit, standing: actor.standing)) else {
            throw WardenError.notFound("no live credential for that voter on ballot \(ballot.id)")
        }
    }

    /// Casts `ranking` (candidate numbers from 1) with `credential`; returns the tracker.
    /// Sealed here to the ballot's key, so the ranking is never stored or logged in the clear.
    public func cast(_ ballot: Ballot, credential: String, ranking: [Int], at instant: Timestamp = .now) async throws -> String {
        guard ballot.phase(at: instant) == .open, let frozen = ballot.frozen,
              let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: frozen.publicKey) else {
            throw WardenError.conflict("ballot \(ballot.id) takes votes from \(ballot.opensAt) until \(ballot.closesAt) (UTC)")
        }
        guard !ranking.isEmpty else { throw WardenError.invalidRequest("ranking: at least a first preference") }
        let sealed = try BallotSeal.seal(ranking, candidates: ballot.candidates.count, ballot: ballot.sealName, to: key)
        switch try await store.cast(BallotCast(ballot: ballot, credentialHash: BallotCredential.hash(credential), sealed: sealed, at: instant)) {
        case .cast(let tracker): return tracker
        case .unknownCredential: throw WardenError.forbidden("this credential is not one ballot \(ballot.id) issued")
        case .alreadySpent: throw WardenError.conflict("this credential has already been used to vote")
        case .voided: throw WardenError.forbidden("this credential was voided; the voter has been told of this attempt")
        case .held(let until): throw WardenError.conflict("this credential was issued again and can be used from \(until) (UTC); the voter has been told of this attempt")
        case .notInGoodStanding: throw WardenError.forbidden("this membership is not in good standing, as the ballot's rule requires")
        }
    }

    /// The marked register: each voter's reference, the channel of their credential and whether it was used.
    public func markedRegister(_ ballot: Ballot, actor: Actor) async throws -> [MarkedRegisterLine] {
        let audit = AuditEvent(actor: actor, action: .ballot, purpose: .membershipAdministration, detail: "ballot \(ballot.id): marked register")
        guard BallotPolicy.maySeeRegister(actor, ballot) else {
            try await refuse(audit, by: actor, why: "not a trustee or agent of the ballot",
                             .forbidden("only the ballot's returning officer, scrutineers and agents see the marked register"))
        }
        guard ballot.frozen != nil else { throw WardenError.conflict("ballot \(ballot.id) has no electorate until it is frozen") }
        return try await store.markedRegister(of: ballot.id, audit: audit)
    }

    /// The signed-in member's own reference on `ballot`'s electorate, with the proof that it is
    /// in the logged root; `nil` if they are not on it.
    public func ownInclusion(in ballot: Ballot, actor: Actor) async throws -> Electorate.Inclusion? {
        guard let person = actor.personID else { throw WardenError.forbidden("only a member's own account can check their place on an electorate") }
        guard ballot.frozen != nil else { return nil }
        return try await store.inclusion(of: person, in: ballot.id, audit: AuditEvent(
            actor: actor, action: .ballot, purpose: .selfService, detail: "ballot \(ballot.id): own place on the electorate", people: [person]))
    }

    /// Refuses, on the record, unless `actor` runs `ballot`.
    private func mayRun(_ ballot: Ballot, _ actor: Actor, _ audit: AuditEvent) async throws {
        guard !BallotPolicy.mayRun(actor, ballot) else { return }
        try await refuse(audit, by: actor, why: "not the ballot's returning officer",
                         .forbidden("only ballot \(ballot.id)'s returning officer does this"))
    }
}
