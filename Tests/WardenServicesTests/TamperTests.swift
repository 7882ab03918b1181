import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Each kind of tampering the log and the versions must expose, done the way an insider
/// would: with the sqlite3 tool on the database file, behind Warden's back.
@Suite("Tamper evidence", .serialized)
struct TamperTests {
    /// A small Warden with people, members, one change and a signed checkpoint in the witness directory.
    func prepared() async throws -> (TestWarden, PersonID) {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        let ann = try #require(try await test.warden.people.search(PeopleQuery(text: "M1"), actor: .localOperator, purpose: .membershipAdministration).value.first)
        _ = try await test.warden.people.changeContacts(
            of: ann.id, edits: [try ContactEdit(kind: .email, text: "ann.new@example.org")], reason: "member asked by phone",
            actor: .localOperator, purpose: .membershipAdministration)
        try #require(try await test.warden.log.checkpoint() != nil)
        return (test, ann.id)
    }

    func findings(_ test: TestWarden) async throws -> [String] {
        try await test.warden.log.verify(actor: .localOperator).findings
    }

    @Test func anUntouchedDatabaseVerifies() async throws {
        let (test, _) = try await prepared()
        let report = try await test.warden.log.verify(actor: .localOperator)
        #expect(report.findings == [])
        #expect(report.entries > 5)
        #expect(report.people == 5)
        #expect(report.checkpointSize == report.entries)
    }

    @Test func aFieldEditedWithTheSqlite3ToolIsNamed() async throws {
        let (test, ann) = try await prepared()
        try test.sql("UPDATE contact_point SET value = 'attacker@example.net' WHERE value = 'ann.new@example.org'")
        let found = try await findings(test)
        #expect(found == ["person \(ann.rawValue): email differ from the last version (changed outside Warden)"])
    }

    /// Appends harmless entries (an empty area import each) and signs a checkpoint over at
    /// least `count` entries.
    func grow(_ test: TestWarden, to count: UInt64) async throws {
        let size = try #require(try await test.warden.log.checkpoint()).size
        for _ in size..<max(size, count) { _ = try await test.warden.areas.save([], actor: .localOperator) }
        try #require(try #require(try await test.warden.log.checkpoint()).size >= count)
    }

    func missing(_ findings: [String]) -> [String] {
        findings.filter { $0.hasSuffix("(row deleted)") || $0.hasSuffix("(rows deleted)") }
    }

    @Test func aDeletedAuditRowIsNamed() async throws {
        let (test, _) = try await prepared()
        try test.sql("DELETE FROM audit_person WHERE event_id = 4; DELETE FROM audit_event WHERE id = 4")
        let found = try await findings(test)
        #expect(missing(found) == ["audit log: entry 4 is missing (row deleted)"])
        // Too few entries for a stored node to stand in for it: the checkpoints cannot be checked, and say so.
        #expect(found.contains { $0.contains("from the witness directory over the first") && $0.hasSuffix("no stored node stands in for them") })
    }

    @Test func oneEntryDeletedFromALongLogIsNamedOnceAndTheRestStillCheck() async throws {
        let (test, _) = try await prepared()
        try await grow(test, to: 300)
        try test.sql("DELETE FROM audit_person WHERE event_id = 150; DELETE FROM audit_event WHERE id = 150")
        let found = try await findings(test)
        #expect(missing(found) == ["audit log: entry 150 is missing (row deleted)"])
        // The stored node over entries 145–160 stands in for it, so every later entry is still checked against the checkpoints.
        #expect(found == ["audit log: entry 150 is missing (row deleted)"])
    }

    @Test func aStoredNodeReplacedAtLevelEightIsNamed() async throws {
        let (test, _) = try await prepared()
        try await grow(test, to: 600)
        try test.sql("UPDATE log_node SET hash = \(TestEngine.current.zeroHash) WHERE level = 8 AND idx = 1")
        let found = try await findings(test)
        #expect(found == ["audit log: the stored tree node at level 8, index 1 (entries 257–512) does not match the entries beneath it (node replaced)"])
    }

    @Test func theTopStoredNodeReplacedIsNamedBesideALowerOne() async throws {
        let (test, _) = try await prepared()
        try await grow(test, to: 4_100)
        try test.sql("""
            UPDATE log_node SET hash = \(TestEngine.current.zeroHash) WHERE level = (SELECT MAX(level) FROM log_node);
            UPDATE log_node SET hash = \(TestEngine.current.zeroHash) WHERE level = 8 AND idx = 3;
            """)
        let found = try await findings(test)
        #expect(found == [
            "audit log: the stored tree node at level 8, index 3 (entries 769–1024) does not match the entries beneath it (node replaced)",
            "audit log: the stored tree node at level 12, index 0 (entries 1–4096) does not match the entries beneath it (node replaced)",
        ])
    }

    @Test func storedNodesDeletedOrPlantedAreNamed() async throws {
        let (test, _) = try await prepared()
        try await grow(test, to: 300)
        let size = try #require(try await test.warden.log.checkpoint()).size
        try test.sql("""
            DELETE FROM log_node WHERE level = 4 AND idx = 2;
            INSERT INTO log_node (level, idx, hash) VALUES (5, 0, \(TestEngine.current.zeroHash)), (8, 7, \(TestEngine.current.zeroHash));
            """)
        let found = try await findings(test)
        #expect(found == [
            "audit log: the stored tree node at level 4, index 2 (entries 33–48) is missing (deleted)",
            "audit log: 1 stored tree node(s) at level 5 from index 0, where Warden stores none (planted)",
            "audit log: 1 stored tree node(s) at level 8 from index 7 lie beyond the log's \(size) entries (entries deleted from its end, or nodes planted)",
        ])
    }

    @Test func twoSwappedRowsBreakTheCheckpoint() async throws {
        let (test, _) = try await prepared()
        try test.sql("""
            UPDATE audit_event SET leaf = -2 WHERE leaf = 1; UPDATE audit_event SET leaf = 1 WHERE leaf = 2; UPDATE audit_event SET leaf = 2 WHERE leaf = -2;
            """)
        let found = try await findings(test)
        #expect(found.contains { $0.contains("the first") && $0.contains("do not match the signed checkpoint from the witness directory") })
    }

    @Test func swappedRowsInALongerLogAreLocalisedToTheirSixteenEntries() async throws {
        let (test, _) = try await prepared()
        for _ in 0..<40 { _ = try await test.warden.areas.save([], actor: .localOperator) }
        _ = try await test.warden.log.checkpoint()
        try test.sql("""
            UPDATE audit_event SET leaf = -2 WHERE leaf = 2; UPDATE audit_event SET leaf = 2 WHERE leaf = 19; UPDATE audit_event SET leaf = 19 WHERE leaf = -2;
            """)
        // (The 40 later entries are byte-identical to each other, so the swap takes one from the start.)
        let found = try await findings(test)
        #expect(found.contains("audit log: entries 1–16 differ from the log as it was when they were added (altered, swapped or replaced)"))
        #expect(found.contains("audit log: entries 17–32 differ from the log as it was when they were added (altered, swapped or replaced)"))
    }

    @Test func gapsInRowIdentifiersAreNotDeletions() async throws {
        // A PostgreSQL sequence skips the numbers of rolled-back inserts: the log's order and
        // completeness rest on the leaf index the sequencer assigns, not on row identifiers.
        let (test, _) = try await prepared()
        // (PostgreSQL checks foreign keys at once; its superuser can switch that off, as an
        // intruder holding it would.)
        try test.sql("""
            \(TestEngine.current == .postgres ? "SET session_replication_role = replica;" : "")
            UPDATE audit_person SET event_id = event_id + 1000 WHERE event_id = (SELECT MAX(id) FROM audit_event);
            UPDATE audit_event SET id = id + 1000 WHERE id = (SELECT MAX(id) FROM audit_event);
            """)
        for _ in 0..<3 { _ = try await test.warden.areas.save([], actor: .localOperator) }
        #expect(try await findings(test).isEmpty)
        let leaves = try test.sqlValues("SELECT leaf FROM audit_event ORDER BY leaf")
        #expect(leaves == (0..<leaves.count).map { String($0) })
    }

    @Test func aRowTakenOutOfTheLogIsNamed() async throws {
        let (test, _) = try await prepared()
        try test.sql("UPDATE audit_event SET leaf = NULL WHERE id = 2")
        let found = try await findings(test)
        #expect(missing(found) == ["audit log: entry 2 is missing (row deleted)"])
        switch TestEngine.current {
        case .sqlite:
            #expect(found.contains("audit log: row 2 has no place in the log (renumbered or inserted outside Warden)"))
        case .postgres:
            // There an entry without a place is one waiting for the sequencer, which gives it
            // the next: the row comes back at the log's end, and its old place stays empty.
            #expect(try test.sqlValues("SELECT leaf = (SELECT MAX(leaf) FROM audit_event) FROM audit_event WHERE id = 2") == ["t"])
        }
    }

    @Test func anInsertedVersionRowIsNamed() async throws {
        let (test, ann) = try await prepared()
        try test.sql("""
            INSERT INTO person_version (person_id, at, account_id, actor, grant_id, reason, fields, state)
            SELECT person_id, at, account_id, actor, grant_id, 'cover story', fields, state FROM person_version WHERE person_id = \(ann.rawValue) ORDER BY id DESC LIMIT 1
            """)
        let found = try await findings(test)
        #expect(found.count == 1)
        #expect(found.first?.contains("bound to no audit entry (inserted outside Warden)") == true)
    }

    @Test func anAlteredVersionRowIsNamed() async throws {
        let (test, ann) = try await prepared()
        try test.sql("UPDATE person_version SET actor = 'someone-else' WHERE person_id = \(ann.rawValue) AND reason = 'member asked by phone'")
        let found = try await findings(test)
        #expect(found.contains { $0.contains("do not match the digest in the entry (altered outside Warden)") })
    }

    @Test func aTruncatedAndRegrownLogIsCaughtByTheWitness() async throws {
        let (test, _) = try await prepared()
        let size = try #require(try await test.warden.log.checkpoint()).size
        // Cut the last three entries, and the database's own checkpoints with them ...
        try test.sql("""
            DELETE FROM audit_person WHERE event_id > \(size - 3); DELETE FROM audit_event WHERE id > \(size - 3);
            DELETE FROM log_checkpoint; DELETE FROM log_node; DELETE FROM setting WHERE key = 'log_size';
            """)
        // ... and grow the log again with ordinary activity past its old size.
        for _ in 0..<6 { _ = try await test.warden.areas.save([], actor: .localOperator) }
        let found = try await findings(test)
        #expect(found.contains { $0.contains("do not match the signed checkpoint from the witness directory (history rewritten)") })
    }

    @Test func aForgedCheckpointInTheWitnessDirectoryIsReported() async throws {
        let (test, _) = try await prepared()
        let history = URL(fileURLWithPath: test.warden.configuration.witnessDirectory).appendingPathComponent("checkpoints")
        let text = try String(contentsOf: history, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\n\(try #require(try await test.warden.log.checkpoint()).size)\n", with: "\n1\n").utf8).write(to: history)
        let found = try await findings(test)
        #expect(found.contains("checkpoint in the witness directory: signature or format is not valid (forged or altered)"))
    }
}
