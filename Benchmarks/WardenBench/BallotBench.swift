import AgeEncryption
import Crypto
import Foundation
import GRDB
import WardenCore
import WardenServices

/// 10. Ballots (issue 20): a 50,000-member electorate frozen, a credential issued to each, and
/// every one cast by 64 voters at once through the Gate (sealed, credential spent and box
/// written together, the tracker on the board), against a baseline of the same two writes
/// (credential spent, sealed ranking stored) as bare SQLite transactions, one at a time; then
/// the count of the 50,000 ballots with 12 candidates for 5 seats: the key opened from two
/// trustees' shares, every ranking opened, counted and published; against opening as many
/// sealed rankings alone, and counting the same rankings in memory alone.
func ballotBenchmarks(voters: Int, in directory: URL) async throws {
    let path = directory.appendingPathComponent("ballot.sqlite").path
    let warden = try await Warden.initialise(WardenConfiguration(databasePath: path), administrator: "admin", password: "benchmark password")
    let areas = directory.appendingPathComponent("ballot-areas.csv")
    try Data("level,code,name,parent\nnation,E,England,\nregion,R,Region,E\nconstituency,C,Benchfield,R\nward,W1,North,C\n".utf8).write(to: areas)
    _ = try await warden.areas.importAreas(path: areas.path, actor: .benchOperator)
    var csv = "Membership Number,First Name,Surname,Email,Address 1,Postcode,Status,Joined,Branch\n"
    for i in 1...voters { csv += "B\(i),Voter,Number\(i),voter\(i)@example.org,\(i) Ballot Road,TN1 1AA,Active,2020-01-01,W1\n" }
    let members = directory.appendingPathComponent("ballot-members.csv")
    try Data(csv.utf8).write(to: members)
    _ = try await warden.imports.importMembers(path: members.path, actor: .benchOperator)
    var trustees: [Actor] = []
    let identities = (0..<3).map { _ in X25519Identity() }
    for name in ["returning", "scrutineer1", "scrutineer2"] {
        let id = try await warden.accounts.create(username: name, password: "benchmark password", grants: [], actor: .benchOperator)
        trustees.append(Actor(kind: .account(id, username: name), grants: []))
    }
    let now = Timestamp.now
    let candidates = (1...12).map { "Candidate \($0)" }
    let ballot = try await warden.ballots.create(BallotDraft(
        title: "Bench ballot", areaCode: "C", candidates: candidates, seats: 5, joinedOnOrBefore: CalendarDate(year: 2025, month: 1, day: 1)!,
        channels: [.inPerson], freezeAt: now, opensAt: now.adding(days: 1), closesAt: now.adding(days: 2),
        trustees: ["returning", "scrutineer1", "scrutineer2"]), actor: .benchOperator)
    for (trustee, identity) in zip(trustees, identities) {
        try await warden.ballots.setTrusteeKey(ballot.id, username: trustee.label, recipient: identity.recipient.description, actor: trustee)
    }
    let freezeTime = try await clock.measure { _ = try await warden.ballots.freeze(ballot.id, actor: trustees[0]) }
    report("ballot_voters", voters)
    report("ballot_freeze_seconds", String(format: "%.2f", seconds(freezeTime)))

    let writers = 64
    let officer = trustees[0]
    var credentials: [String] = []
    let issueTime = try await clock.measure {
        credentials = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var mine: [String] = []
                    for i in stride(from: writer + 1, through: voters, by: writers) {
                        let issued = try await warden.ballots.issueCredential(ballot.id, to: .membershipNumber("B\(i)"), channel: .inPerson,
                                                                             actor: officer, at: now.adding(seconds: 60))
                        mine.append(issued.credential ?? "")
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
    report("ballot_issue_per_second", String(format: "%.0f", Double(voters) / seconds(issueTime)))

    var random = SeededGenerator(seed: 20)
    let rankings = (0..<voters).map { _ in Array((1...12).shuffled(using: &random).prefix(Int(random.next() % 12) + 1)) }
    let during = now.adding(days: 1).adding(seconds: 60)
    let issued = credentials
    let castTime = try await clock.measure {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for i in stride(from: writer, to: voters, by: writers) {
                        _ = try await warden.ballots.cast(ballot.id, credential: issued[i], ranking: rankings[i], at: during)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    report("ballot_cast_per_second", String(format: "%.0f", Double(voters) / seconds(castTime)))
    report("ballot_cast_baseline_per_second", String(format: "%.0f", try castBaseline(voters: voters, in: directory)))

    let after = now.adding(days: 2).adding(seconds: 60)
    for seat in [0, 2] {
        let sealed = try await warden.ballots.sealedShare(ballot.id, actor: trustees[seat])
        let share = String(decoding: try Age.decrypt(sealed, identities: [identities[seat]]), as: UTF8.self)
        _ = try await warden.ballots.returnShare(ballot.id, share: share, actor: trustees[seat], at: after)
    }
    var result: BallotResult?
    let countTime = try await clock.measure { result = try await warden.ballots.count(ballot.id, actor: trustees[0], at: after) }
    report("ballot_count_seconds", String(format: "%.2f", seconds(countTime)))
    report("ballot_count_tallies", result?.tallies == true ? "yes" : "NO")
    let election = RankedElection(title: "Bench ballot", candidates: candidates, seats: 5, ballots: rankings.map { RankedBallot(weight: 1, ranking: $0) })
    let memoryTime = clock.measure {
        var lot = SeededGenerator(seed: 1)
        _ = ScottishSTV.count(election, lot: &lot)
    }
    report("ballot_count_memory_seconds", String(format: "%.2f", seconds(memoryTime)))
    // Where the count's time goes: opening as many sealed rankings, alone.
    var keys = SystemRandomNumberGenerator()
    let (publicKey, shares) = try BallotSeal.newKey(using: &keys)
    let key = try BallotSeal.openKey(Array(shares.prefix(2)), publicKey: publicKey)
    let sealed = try rankings.map { try BallotSeal.seal($0, candidates: 12, ballot: "bench", to: publicKey) }
    let openTime = try clock.measure {
        for box in sealed { _ = try BallotSeal.open(box, candidates: 12, ballot: "bench", with: key) }
    }
    report("ballot_open_seconds", String(format: "%.2f", seconds(openTime)))
    await warden.close()
}

/// The baseline: each cast's two writes, a credential marked spent and a sealed ranking
/// stored, as one bare SQLite transaction (WAL, synchronous=FULL, as Warden's file), one at a time.
private func castBaseline(voters: Int, in directory: URL) throws -> Double {
    var configuration = Configuration()
    configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL")
    }
    let queue = try DatabaseQueue(path: directory.appendingPathComponent("cast-baseline.sqlite").path, configuration: configuration)
    try queue.write { db in
        try db.execute(sql: """
            CREATE TABLE credential (id INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, spent INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE box (tracker TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
            """)
        for i in 0..<voters { try db.execute(sql: "INSERT INTO credential (hash) VALUES (?)", arguments: [Data(SHA256.hash(data: Data("\(i)".utf8)))]) }
    }
    let sealed = Data(repeating: 7, count: 32 + 24 + 16)
    let time = try clock.measure {
        for i in 0..<voters {
            try queue.write { db in
                try db.execute(sql: "UPDATE credential SET spent = 1 WHERE hash = ?", arguments: [Data(SHA256.hash(data: Data("\(i)".utf8)))])
                try db.execute(sql: "INSERT INTO box (tracker, sealed) VALUES (?, ?)", arguments: ["\(i)", sealed])
            }
        }
    }
    return Double(voters) / seconds(time)
}
