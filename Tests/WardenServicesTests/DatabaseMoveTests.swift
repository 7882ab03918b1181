import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// `warden migrate`: a whole party from its SQLite file onto PostgreSQL, verified there with
/// the same log root, and working as it did.
@Suite("Moving a party onto PostgreSQL", .enabled(if: TestEngine.current == .postgres, "needs the test PostgreSQL"))
struct DatabaseMoveTests {
    /// A party on SQLite with people, members, accounts, a canvass, reads and a checkpoint.
    static func party() async throws -> TestWarden {
        let test = try await TestWarden.make(engine: .sqlite)
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("secretary", .membershipSecretary, areaCode: "C")
        try await test.account("canvasser", .canvasser, areaCode: "AA")
        _ = try await test.walkList(assignedTo: "canvasser")
        let secretary = try await test.actor("secretary")
        _ = try await test.warden.people.search(PeopleQuery(text: "Lee"), actor: secretary, purpose: .membershipAdministration)
        _ = try await test.warden.log.checkpoint()
        return test
    }

    /// Where the PostgreSQL side goes: a new database, and the key ring and witness
    /// directory the move copies, in a directory of its own.
    static func target() throws -> WardenConfiguration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-move-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return WardenConfiguration(
            databasePath: try TestEngine.postgres.newDatabase(in: directory),
            keyRingPath: directory.appendingPathComponent("party.keyring").path,
            witnessDirectory: directory.appendingPathComponent("party.witness").path)
    }

    @Test func everythingMovesAndVerifiesWithTheSameRoot() async throws {
        let test = try await Self.party()
        let target = try Self.target()
        let counts = try test.sqlValues("SELECT (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM person_version), (SELECT COUNT(*) FROM audit_event)")
        let move = try await test.warden.configuration.move(to: target) { _, _ in }
        #expect(move.sourceRoot == move.targetRoot)
        #expect(move.verification.findings == [])
        #expect(move.verification.isIntact)
        #expect(move.copied == [target.keyRingPath, target.witnessDirectory])
        #expect(try TestEngine.postgres.run("SELECT (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM person_version), (SELECT COUNT(*) FROM audit_event) - 1", on: target.databasePath) == counts)
        #expect(move.tables.first { $0.name == "person" }?.rows == Int(try #require(counts.first?.split(separator: "|").first)))

        // The party works there as it did: the same accounts sign in, the same key ring opens people.
        let moved = try await Warden.open(target)
        let signedIn = try await moved.authentication.signIn(username: "secretary", password: TestWarden.password,
                                                             secondFactor: try await moved.accounts.currentCode(username: "secretary", actor: .localOperator))
        let found = try await moved.people.search(PeopleQuery(text: "M1"), actor: signedIn.actor, purpose: .membershipAdministration).value
        #expect(found.first?.surname == "Lee")
        // New entries continue the log, and new rows take identifiers after the moved ones.
        _ = try await moved.areas.save([], actor: .localOperator)
        _ = try await moved.log.checkpoint()
        #expect(try await moved.log.verify(actor: .localOperator).isIntact)
        await moved.close()
    }

    @Test func aDatabaseThatAlreadyHoldsAWardenIsRefusedAndLeftAlone() async throws {
        let test = try await Self.party()
        let target = try Self.target()
        _ = try await test.warden.configuration.move(to: target) { _, _ in }
        let before = try TestEngine.postgres.run("SELECT COUNT(*) FROM audit_event", on: target.databasePath)
        await #expect(throws: (any Error).self) { try await test.warden.configuration.move(to: target) { _, _ in } }
        #expect(try TestEngine.postgres.run("SELECT COUNT(*) FROM audit_event", on: target.databasePath) == before)
    }

    @Test func aMoveThatFailsPartWayLeavesTheTargetEmpty() async throws {
        let test = try await Self.party()
        // A row the target's schema refuses (a status it does not know), far into the copy.
        try test.sql("PRAGMA ignore_check_constraints = 1; UPDATE member SET status = 'mislaid'")
        let target = try Self.target()
        await #expect(throws: (any Error).self) { try await test.warden.configuration.move(to: target) { _, _ in } }
        #expect(try TestEngine.postgres.run("SELECT COUNT(*) FROM person", on: target.databasePath) == ["0"])
    }
}
