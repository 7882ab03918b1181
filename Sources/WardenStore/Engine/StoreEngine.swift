import WardenCore

/// An engine as ``RelationalStore`` uses it: transactions over the SQL both engines speak and
/// the rules' ledger (``LedgerEngine``), and what each engine does its own fast way: bulk
/// imports, the walk over the log's tree, verification, and counting its transactions.
protocol StoreEngine: LedgerEngine {
    /// The transactions the engine has run, for `/metrics` and the unit-of-work tests.
    var transactions: TransactionCounts { get }
    /// Lets go of the engine's connections.
    func close() async
    /// Overwrites what deleted rows left in the engine's files where the engine allows it
    /// without stopping: after an erasure, so the people erased leave no bytes behind. Returns
    /// what still holds them, if anything does.
    func scrubFreedSpace() async throws -> String?
    /// A consistent copy of the whole database at `path`, taken while writers go on
    /// (``BackupStore/snapshot(into:)``).
    func snapshot(into path: String) async throws -> SnapshotFacts
    /// Checks a snapshot this engine took (``BackupStore/checkSnapshot(at:)``).
    func checkSnapshot(at path: String) async throws -> SnapshotCheck

    /// Imports one register file in one transaction, reading the lines on the calling thread
    /// (they stream from a reader that cannot cross threads).
    func importRegister(_ lines: some Sequence<ImportLine<RegisterEntry>>, options: ImportOptions, areas: AreaCache,
                        progress: (Int) -> Void) async throws -> ImportReport
    /// Imports one membership export in one transaction, reading the lines on the calling thread.
    func importMembers(_ lines: some Sequence<ImportLine<MembershipRecord>>, options: ImportOptions, areas: AreaCache,
                       progress: (Int) -> Void) async throws -> ImportReport

    /// Appends an audit entry of its own, durable when this returns. Many at once share a
    /// commit: SQLite's group commit, PostgreSQL's batches (``PostgresAppendQueue``).
    func append(_ event: AuditEvent) async throws

    /// Gives every committed audit entry its leaf index, inside a write that is about to hand
    /// indices out (a person's history, an investigation). SQLite numbers entries as they are
    /// written, so there is nothing to do; PostgreSQL runs a sequencer round.
    func numberLog(_ sql: any SQLSession) throws
    /// Whether this server is (or has just become) the log's sequencer, the one server that
    /// integrates, signs checkpoints and delivers mail. Always on SQLite; on PostgreSQL the
    /// holder of the election lock (``SequencerElection``).
    func standForSequencer() async throws -> Bool

    func integrateLog() async throws -> (size: UInt64, root: [UInt8])
    func inclusionProof(index: UInt64, size: UInt64) async throws -> [[UInt8]]
    func consistencyProof(from: UInt64, to: UInt64) async throws -> [[UInt8]]
    func verify(against checkpoints: [TrustedCheckpoint]) async throws -> VerificationReport
}

/// Reads and writes of people: the rules above the engines over whichever engine's ledger.
extension LedgerEngine {
    /// One person or one walk list is found inside the write that charges and records it: a
    /// bounded read, one transaction. A search is found first in a read transaction of its
    /// own: a broad one (a surname's first letter over a national register) may walk a long
    /// stretch of an index, and must not hold a writer while it does; so is an export's
    /// selection, which may hold a constituency.
    func readPeople(_ read: PeopleRead, areas: AreaCache) async throws -> PeopleReadResult {
        switch read.target {
        case .search, .listing, .selection:
            let found = try await self.read { sql in try PeopleReadRun.find(read, areas: areas, sql) }
            return try await write(areas: areas) { ledger in try ReadCharge(ledger: ledger, read: read, now: .now).record(found) }
        case .person, .walkList:
            return try await write(areas: areas) { ledger in
                try ReadCharge(ledger: ledger, read: read, now: .now).record(PeopleReadRun.find(read, areas: areas, ledger.sql))
            }
        }
    }

    func changeContacts(_ request: ContactChangeRequest, areas: AreaCache) async throws -> ContactChangeOutcome {
        try await write(areas: areas) { ledger in try ContactChange(ledger: ledger, request: request).run() }
    }

    func changeMembership(_ request: MembershipChangeRequest, areas: AreaCache) async throws -> MembershipChangeOutcome {
        try await write(areas: areas) { ledger in try MembershipChange(ledger: ledger, request: request).run() }
    }

    func recordCanvass(_ requests: [CanvassWriteRequest], areas: AreaCache) async throws -> [CanvassWriteOutcome] {
        try await write(areas: areas) { ledger in try requests.map { try CanvassWrite(ledger: ledger, request: $0).run() } }
    }

    func withdrawCanvass(_ request: CanvassWithdrawalRequest, areas: AreaCache) async throws -> Int {
        try await write(areas: areas) { ledger in try CanvassWithdrawal(ledger: ledger, request: request).run() }
    }
}
