import Testing
import TransparencyLog
import WardenCore
@_spi(Gate) import WardenStore

/// The audit log: entries read back as appended, a Merkle tree whose root and proofs an
/// outside verifier (``MerkleTree``) accepts, checkpoints kept in size order, and a
/// verification that finds an untouched log intact and a wrong checkpoint out.
@Suite("Store contract: log")
struct LogContractTests {
    func append(_ store: StoreUnderTest, _ details: [String]) async throws -> [AuditEvent] {
        var appended: [AuditEvent] = []
        for detail in details {
            let event = AuditEvent(actor: Fixture.actor, action: .verify, purpose: .dataProtection, detail: detail)
            try await store.append(event)
            appended.append(event)
        }
        return appended
    }

    func leafHashes(_ store: StoreUnderTest, _ count: UInt64) async throws -> [[UInt8]] {
        var hashes: [[UInt8]] = []
        for index in 0..<count {
            hashes.append(MerkleTree.leafHash(try #require(try await store.logEntry(index: index))))
        }
        return hashes
    }

    /// A stretch of the log counted by kind, and a restore recorded beside its own entry (and
    /// read back only while that entry is a restore's).
    @Test(arguments: StoreEngine.allCases)
    func aStretchIsTalliedByKindAndARestoreIsReadBackWithItsEntry(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await append(store, ["a", "b", "c"])
        try await store.append(AuditEvent(actor: Fixture.actor, action: .backup, purpose: .dataProtection, detail: "backup"))
        _ = try await store.integrateLog()
        #expect(try await store.auditTally(from: 1, to: 4) == ["verify": 2, "backup": 1])
        #expect(try await store.auditTally(from: 4, to: 9).isEmpty)
        let restore = LogRestore(entry: 4, backup: "warden-x.age", backupCheckpoint: 3, witnessedSize: 9, witnessedRoot: [1, 2, 3], at: .now)
        let recorded = try await store.recordRestore(restore, audit: AuditEvent(actor: Fixture.actor, action: .restore,
                                                                                purpose: .dataProtection, detail: restore.detail))
        _ = try await store.integrateLog()
        #expect(recorded.backup == "warden-x.age")
        let read = try await store.restores()
        #expect(read.count == 1 && read.first?.entry == 4 && read.first?.witnessedRoot == [1, 2, 3] && read.first?.lost == 5)
    }

    @Test(arguments: StoreEngine.allCases)
    func appendedEventsAreReadBackNewestFirstAndByLeafIndex(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let events = try await append(store, ["a", "b", "c"])
        #expect(try await store.recentAuditEvents(limit: 2).map(\.detail) == ["c", "b"])
        // Entries are addressed by leaf once the log has taken them in (on PostgreSQL its
        // sequencer numbers them; on SQLite they are numbered as they are written).
        _ = try await store.integrateLog()
        for (index, event) in events.enumerated() {
            let bytes = try #require(try await store.logEntry(index: UInt64(index)))
            #expect(bytes == event.entry)
            #expect(AuditEvent(entry: bytes) == event)
        }
        #expect(try await store.logEntry(index: 3) == nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func theIntegratedTreeHasTheRootOfItsEntriesAndItsProofsVerify(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await append(store, ["a", "b", "c", "d", "e"])
        let first = try await store.integrateLog()
        #expect(first.size == 5)
        let firstLeaves = try await leafHashes(store, 5)
        #expect(first.root == MerkleTree.root(ofLeafHashes: firstLeaves))
        let again = try await store.integrateLog()
        #expect(again.size == first.size && again.root == first.root)
        for index in 0..<UInt64(5) {
            let proof = try await store.inclusionProof(index: index, size: 5)
            #expect(MerkleTree.verifyInclusion(leafHash: firstLeaves[Int(index)], index: index, size: 5, proof: proof, root: first.root))
        }
        await #expect(throws: (any Error).self) { _ = try await store.inclusionProof(index: 0, size: 6) }

        _ = try await append(store, ["f", "g", "h"])
        let second = try await store.integrateLog()
        #expect(second.size == 8)
        #expect(second.root == MerkleTree.root(ofLeafHashes: try await leafHashes(store, 8)))
        let consistency = try await store.consistencyProof(from: 5, to: 8)
        #expect(MerkleTree.verifyConsistency(size1: 5, size2: 8, proof: consistency, root1: first.root, root2: second.root))
        let stillIncluded = try await store.inclusionProof(index: 2, size: 8)
        #expect(MerkleTree.verifyInclusion(leafHash: firstLeaves[2], index: 2, size: 8, proof: stillIncluded, root: second.root))
        await #expect(throws: (any Error).self) { _ = try await store.consistencyProof(from: 5, to: 9) }
    }

    @Test(arguments: StoreEngine.allCases)
    func checkpointsAreKeptInSizeOrder(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        #expect(try await store.latestCheckpoint() == nil)
        #expect(try await store.allCheckpoints().isEmpty)
        let at = Timestamp(secondsSince1970: 1_800_000_000)
        let small = StoredCheckpoint(size: 2, rootHash: Array(repeating: 2, count: 32), note: "note 2", at: at)
        let large = StoredCheckpoint(size: 5, rootHash: Array(repeating: 5, count: 32), note: "note 5", at: at.adding(seconds: 60))
        try await store.saveCheckpoint(large)
        try await store.saveCheckpoint(small)
        #expect(try await store.latestCheckpoint() == large)
        #expect(try await store.allCheckpoints() == [small, large])
    }

    @Test(arguments: StoreEngine.allCases)
    func anUntouchedStoreVerifiesIntactAgainstItsOwnCheckpointAndNotAgainstAnotherRoot(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let ann = try await Fixture.personID(store, "AA-1")
        _ = try await store.changeContacts(try Fixture.emailChange(ann, to: "ann@example.org"))
        let (size, root) = try await store.integrateLog()
        let report = try await store.verify(against: [TrustedCheckpoint(size: Int(size), rootHash: root, source: "the test")])
        #expect(report.isIntact, "\(report.findings)")
        #expect(report.entries == Int(size))
        #expect(report.checkpointSize == Int(size))
        #expect(report.people == 5)
        #expect(report.versions == 6)  // one for each person registered, one for the change

        let forged = try await store.verify(against: [TrustedCheckpoint(size: Int(size), rootHash: Array(repeating: 0, count: 32), source: "a forger")])
        #expect(!forged.isIntact)
        #expect(forged.findings.contains { $0.contains("a forger") })
        let longer = try await store.verify(against: [TrustedCheckpoint(size: Int(size) + 1, rootHash: root, source: "a longer log")])
        #expect(longer.findings.contains { $0.contains("a longer log") })
        _ = try await append(store, ["appended after the checkpoint"])
        let grown = try await store.verify(against: [TrustedCheckpoint(size: Int(size), rootHash: root, source: "the test")])
        #expect(grown.isIntact, "\(grown.findings)")
        #expect(grown.entries == Int(size) + 1)
    }
}
