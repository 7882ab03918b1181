import Foundation

/// Who may do what with a ballot, decided from the actor and the ballot alone.
///
/// The returning officer runs the ballot (the freeze, credentials, voiding); the three
/// trustees together, two at a time, open its key; agents and trustees see the marked
/// register; nobody sees a voter's choice. Setting a ballot up is a membership secretary's
/// over the ballot's area (or the local operator's), and the set-up can name neither the
/// one who makes it as a trustee nor anyone twice: a returning officer who set up their own
/// ballot would be its only check.
public enum BallotPolicy {
    /// Whether `actor` may set up a ballot of the members of the area placed in `chain`
    /// (the area and everything above it).
    public static func maySetUp(_ actor: Actor, areaChain chain: Set<AreaID>) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { grant in
            grant.role == .membershipSecretary && grant.purpose == .membershipAdministration
                && grant.scopeWalkListID == nil && (grant.scopeAreaID.map(chain.contains) ?? true)
        }
    }

    /// Whether `actor` runs `ballot`: its returning officer, or the local operator.
    public static func mayRun(_ actor: Actor, _ ballot: Ballot) -> Bool {
        if case .localOperator = actor.kind { return true }
        return ballot.trustee(actor.accountID)?.role == .returningOfficer
    }

    /// Whether `actor` may record the age key `trustee`'s share is sealed to: that trustee
    /// alone (or the local operator, at the server with them). Not the returning officer: one
    /// who recorded a scrutineer's key as their own would hold two shares, and open the box alone.
    public static func mayGiveKey(_ actor: Actor, for trustee: Trustee) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.accountID == trustee.accountID
    }

    /// Whether `actor` may see `ballot`'s marked register: its trustees and agents, or the local operator.
    public static func maySeeRegister(_ actor: Actor, _ ballot: Ballot) -> Bool {
        if case .localOperator = actor.kind { return true }
        return ballot.trustee(actor.accountID) != nil || ballot.agents.contains { $0.accountID == actor.accountID }
    }

    /// The problems with a ballot as set up, each naming the field; empty when it may be created.
    public static func problems(with ballot: Ballot, by actor: Actor) -> [String] {
        var problems: [String] = []
        if ballot.title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("title: empty") }
        if ballot.seats < 1 { problems.append("seats: at least one") }
        let names = ballot.candidates.map { $0.trimmingCharacters(in: .whitespaces) }
        if names.contains(where: \.isEmpty) { problems.append("candidates: a name is empty") }
        if Set(names.map { $0.lowercased() }).count != names.count { problems.append("candidates: a name appears twice") }
        if names.count <= ballot.seats { problems.append("candidates: \(names.count) for \(ballot.seats) seats is no contest") }
        if names.count > BLT.maximumCandidates { problems.append("candidates: more than \(BLT.maximumCandidates)") }
        if ballot.channels.isEmpty { problems.append("channels: at least one") }
        if !(ballot.freezeAt < ballot.opensAt) { problems.append("freeze: must come before the ballot opens") }
        if !(ballot.opensAt < ballot.closesAt) { problems.append("opens: must come before the ballot closes") }
        if !(0...24 * 14).contains(ballot.coolingOffHours) { problems.append("cooling-off: between 0 and 336 hours") }
        if ballot.electorate.joinedOnOrBefore > ballot.freezeAt.date { problems.append("joined by: after the freeze") }
        let roles = ballot.trustees.map(\.role)
        if roles != [.returningOfficer, .scrutineer, .scrutineer] {
            problems.append("trustees: a returning officer and two scrutineers")
        }
        if Set(ballot.trustees.map(\.accountID)).count != ballot.trustees.count { problems.append("trustees: three different people") }
        if let own = actor.accountID, ballot.trustee(own) != nil {
            problems.append("trustees: whoever sets up a ballot cannot hold its key")
        }
        return problems
    }
}
