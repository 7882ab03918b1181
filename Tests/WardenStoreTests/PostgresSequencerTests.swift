import Foundation
import Testing
import TransparencyLog
import WardenCore
@testable import WardenStore

/// PostgreSQL's log sequencer: entries written side by side get gapless leaves in one order,
/// the tree over them is the Merkle tree of that order, and a round that finds another server
/// holding the sequencer's lock leaves everything to it.
@Suite("PostgreSQL log sequencer")
struct PostgresSequencerTests {
    @Test func entriesWrittenSideBySideGetGaplessLeavesAndTheirTree() async throws {
        let engine = try await PostgresEngine.open(try await PostgresTestServer.freshDatabase(), connections: 8)
        defer { Task { await engine.close() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for entry in 0..<25 {
                        var event = Fixture.audit(.read)
                        event.detail = "writer \(writer) entry \(entry)"
                        let written = event
                        try await engine.write { sql in try AuditRows.insert(written, sql) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let log = try #require(try await engine.write { sql in try PostgresSequencer.round(sql) })
        let (leaves, entries) = try await engine.read { sql in
            let rows = try sql.rows("SELECT leaf, entry FROM audit_event ORDER BY leaf")
            return (try rows.map { try $0.integer(0) }, try rows.map { try $0.blob(1) })
        }
        #expect(leaves == Array(0..<200))
        #expect(log.size == 200)
        #expect(log.root == MerkleTree.root(ofLeafHashes: entries.map { MerkleTree.leafHash($0) }))
        // A second round with nothing new keeps the tree as it is.
        let again = try await engine.write { sql in try PostgresSequencer.round(sql) }
        #expect(again?.size == 200 && again?.root == log.root)
    }

    @Test func aRoundThatFindsTheLockHeldLeavesItToItsHolder() async throws {
        let engine = try await PostgresEngine.open(try await PostgresTestServer.freshDatabase(), connections: 4)
        defer { Task { await engine.close() } }
        try await engine.write { sql in try AuditRows.insert(Fixture.audit(.read), sql) }
        let held = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let holder = Task {
            try await engine.write { sql in
                try sql.execute("SELECT pg_advisory_xact_lock(?)", PostgresSequencer.lock)
                held.signal()
                _ = release.wait(timeout: .now() + 30)
            }
        }
        let taken = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: held.wait(timeout: .now() + 30) == .success) }
        }
        try #require(taken, "the holder never took the lock")
        let blocked = try await engine.write { sql in try PostgresSequencer.round(sql) }
        release.signal()
        try await holder.value
        #expect(blocked == nil)
        let after = try await engine.write { sql in try PostgresSequencer.round(sql) }
        #expect(after?.size == 1)
    }
}
