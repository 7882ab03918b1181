import AgeEncryption
import Foundation
public import WardenCore
public import WardenServices

/// The demo's selection ballot, open as the demo starts: a ward's members frozen as its
/// electorate, credentials issued in person to most of them and most of those cast, so the
/// register, the board and the voting page have something to show. It closes half an hour
/// after the demo was made; the trustees' age keys are written beside the demo database, so
/// the shares can be opened with `age -d` and the ballot counted once it has closed.
public enum DemoBallot {
    /// What the demo prints: the ballot, when it closes, credentials left for a visitor to vote
    /// with, and where the trustees' keys are.
    public struct Seeded: Sendable {
        public var ballot: BallotID
        public var closesAt: Timestamp
        public var spareCredentials: [String]
        public var keyDirectory: String
    }

    static let trustees = ["organiser", "campaign", "dpo"]

    static func seed(_ warden: Warden, members: [MembershipRecord], keyDirectory: String, random: inout SeededGenerator) async throws -> Seeded {
        let now = Timestamp.now
        let ballot = try await warden.ballots.create(BallotDraft(
            title: "Selection of the parliamentary candidate, \(Names.town) and Ashdown", areaCode: DemoConstituency.firstWardCode,
            candidates: ["Priya Shah", "Tom Okafor", "Helen Marsh"], reopenNominations: true, seats: 1,
            joinedOnOrBefore: now.date.adding(days: -90), channels: [.online, .inPerson],
            freezeAt: now, opensAt: now.adding(seconds: 2), closesAt: now.adding(seconds: 1_800),
            trustees: trustees, agents: [DemoSeeder.administrator]), actor: .localOperator)
        try FileManager.default.createDirectory(atPath: keyDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for trustee in trustees {
            let identity = X25519Identity()
            try PrivateFile.create(keyDirectory + "/\(trustee).txt", bytes: Array((identity.secretKeyString + "\n").utf8))
            try await warden.ballots.setTrusteeKey(ballot.id, username: trustee, recipient: identity.recipient.description, actor: .localOperator)
        }
        _ = try await warden.ballots.freeze(ballot.id, actor: .localOperator)
        // Three in four of the ward's paid-up members get a credential at the hustings
        // (a member placed in the ward by their address but in another branch is on the
        // electorate too, and simply not handed one here).
        let ward = members.filter { $0.branch == DemoConstituency.firstWardCode && $0.status == .active }
        var credentials: [String] = []
        for member in ward.prefix(ward.count * 3 / 4) {
            do {
                let issued = try await warden.ballots.issueCredential(ballot.id, to: .membershipNumber(member.membershipNumber), channel: .inPerson,
                                                                      actor: .localOperator)
                credentials += [issued.credential].compactMap { $0 }
            } catch WardenError.notFound {
                continue  // joined after the electorate's date
            }
        }
        while Timestamp.now < now.adding(seconds: 2) { try await Task.sleep(for: .milliseconds(200)) }
        let spare = 3
        for credential in credentials.dropLast(spare) {
            // Shah leads, Okafor's and Marsh's voters mostly prefer each other: a count with transfers.
            let first = [1, 1, 1, 2, 2, 3, 3, 4].randomElement(using: &random) ?? 1
            let rest = [1, 2, 3].filter { $0 != first }.shuffled(using: &random).prefix(Int(random.next() % 3))
            _ = try await warden.ballots.cast(ballot.id, credential: credential, ranking: [first] + rest)
        }
        return Seeded(ballot: ballot.id, closesAt: now.adding(seconds: 1_800), spareCredentials: Array(credentials.suffix(spare)), keyDirectory: keyDirectory)
    }
}
