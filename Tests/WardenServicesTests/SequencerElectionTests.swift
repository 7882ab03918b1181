import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Several servers on one PostgreSQL database: one is elected the log's sequencer through
/// the database, another takes over when it goes, and the others witness what it signs.
@Suite("The log's sequencer among several servers", .enabled(if: TestEngine.current == .postgres, "several servers share a PostgreSQL database"))
struct SequencerElectionTests {
    @Test func oneServerIsElectedAndAnotherTakesOverWhenItGoes() async throws {
        let test = try await TestWarden.make()
        let second = try await test.secondServer()
        let third = try await test.secondServer("third")
        #expect(try await test.warden.log.standForSequencer())
        #expect(try await !second.log.standForSequencer())
        #expect(try await !third.log.standForSequencer())
        // Standing again keeps the role: it is held, not won afresh each time.
        #expect(try await test.warden.log.standForSequencer())
        await test.warden.close()
        let taken = [try await second.log.standForSequencer(), try await third.log.standForSequencer()]
        #expect(taken == [true, false])
        #expect(try await second.log.standForSequencer())
        await second.close()
        await third.close()
    }

    @Test func entriesWrittenOnEitherServerGetOneGaplessOrder() async throws {
        let test = try await TestWarden.make()
        let second = try await test.secondServer()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for warden in [test.warden, second] {
                group.addTask {
                    for _ in 0..<40 { _ = try await warden.areas.save([], actor: .localOperator) }
                }
            }
            try await group.waitForAll()
        }
        _ = try await second.log.checkpoint()
        #expect(try await test.warden.log.witnessCheckpoints())
        let leaves = try test.sqlValues("SELECT leaf FROM audit_event ORDER BY leaf")
        #expect(leaves.count >= 80)
        #expect(leaves == (0..<leaves.count).map { String($0) })
        #expect(try await second.log.verify(actor: .localOperator).findings == [])
        #expect(try await test.warden.log.verify(actor: .localOperator).findings == [])
    }

    @Test func anotherServerWitnessesTheSequencersCheckpointsOnceTheyExtendWhatItSaw() async throws {
        let test = try await TestWarden.make()
        let second = try await test.secondServer()
        _ = try await test.warden.areas.save([], actor: .localOperator)
        let first = try #require(try await test.warden.log.checkpoint())
        #expect(try await second.log.witnessCheckpoints())
        #expect(try await !second.log.witnessCheckpoints())  // nothing new
        let latest = test.directory.appendingPathComponent("second.witness/latest")
        #expect(try String(contentsOf: latest, encoding: .utf8) == first.note)
        for _ in 0..<5 { _ = try await test.warden.areas.save([], actor: .localOperator) }
        let grown = try #require(try await test.warden.log.checkpoint())
        #expect(try await second.log.witnessCheckpoints())
        #expect(try String(contentsOf: latest, encoding: .utf8) == grown.note)
        // Both servers' own witness directories now check the log.
        #expect(try await second.log.verify(actor: .localOperator).isIntact)
    }

    @Test func aCheckpointThatRewritesWhatAServerWitnessedIsAnAlertNotAWitness() async throws {
        let test = try await TestWarden.make()
        let second = try await test.secondServer()
        _ = try await test.warden.areas.save([], actor: .localOperator)
        _ = try await test.warden.log.checkpoint()
        #expect(try await second.log.witnessCheckpoints())
        let witnessed = try String(contentsOf: test.directory.appendingPathComponent("second.witness/latest"), encoding: .utf8)
        // Someone rewrites the first entry and has the sequencer sign the rewritten history.
        try test.sql("UPDATE audit_event SET entry = decode('00', 'hex') WHERE leaf = 0; DELETE FROM log_node; UPDATE setting SET value = '0' WHERE key = 'log_size'")
        for _ in 0..<3 { _ = try await test.warden.areas.save([], actor: .localOperator) }
        _ = try await test.warden.log.checkpoint()
        #expect(try await !second.log.witnessCheckpoints())
        #expect(try await !second.log.witnessCheckpoints())
        #expect(try String(contentsOf: test.directory.appendingPathComponent("second.witness/latest"), encoding: .utf8) == witnessed)
        let alerts = try await second.alerts.list(actor: .localOperator)
        #expect(alerts.filter { $0.kind == .tampering }.count == 1)
    }
}
