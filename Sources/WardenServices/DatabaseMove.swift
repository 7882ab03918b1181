import Foundation
public import WardenCore
import WardenGate
import WardenStore

/// What `warden migrate` did: the rows of each table moved, the log's root on both sides,
/// and the target verified as any database is.
public struct DatabaseMove: Sendable {
    public var tables: [(name: String, rows: Int)]
    public var entries: UInt64
    public var sourceRoot: String
    public var targetRoot: String
    /// `warden verify` on the target, against the checkpoints moved with it and its witness
    /// directory.
    public var verification: VerificationReport
    /// Files the target needs that were copied beside it: the key ring, the witness directory.
    public var copied: [String]
    public var seconds: Double
}

extension WardenConfiguration {
    /// Moves the whole party in this SQLite database into the empty PostgreSQL database
    /// `target` names, then verifies the target. The target uses the same key ring (people's
    /// sealed fields and the log's signing key) and starts from the same witnessed
    /// checkpoints: both are copied to the target's places (mode 0600 and 0700) when nothing
    /// is there yet.
    public func move(to target: WardenConfiguration, progress: @escaping @Sendable (_ table: String, _ rows: Int) -> Void) async throws -> DatabaseMove {
        guard !isPostgres else { throw WardenError.invalidRequest("--from: an SQLite file (the database to move)") }
        guard target.isPostgres else { throw WardenError.invalidRequest("--to: a PostgreSQL database, postgres://USER@HOST:PORT/NAME") }
        let keyRing = try KeyRing.load(from: keyRingPath)
        let started = ContinuousClock.now
        let report = try await RelationalStore.migrate(from: databasePath, to: PostgresLocation(url: target.databasePath), progress: progress)
        var copied: [String] = []
        if target.keyRingPath != keyRingPath, !FileManager.default.fileExists(atPath: target.keyRingPath) {
            try keyRing.create(at: target.keyRingPath)
            copied.append(target.keyRingPath)
        }
        if target.witnessDirectory != witnessDirectory, !FileManager.default.fileExists(atPath: target.witnessDirectory),
           FileManager.default.fileExists(atPath: witnessDirectory) {
            try FileManager.default.createDirectory(atPath: target.witnessDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            for name in [WitnessDirectory.historyName, WitnessDirectory.latestName, WitnessDirectory.linksName] {
                let from = URL(fileURLWithPath: witnessDirectory).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: from.path) else { continue }
                let to = URL(fileURLWithPath: target.witnessDirectory).appendingPathComponent(name).path
                guard FileManager.default.createFile(atPath: to, contents: data, attributes: [.posixPermissions: 0o600]) else {
                    throw WardenError.invalidRequest("\(to): cannot be written")
                }
            }
            copied.append(target.witnessDirectory)
        }
        let warden = try await Warden.open(target)
        let verification: VerificationReport
        do {
            verification = try await warden.log.verify(actor: .localOperator)
            await warden.close()
        } catch {
            await warden.close()
            throw error
        }
        return DatabaseMove(
            tables: report.tables, entries: report.logSize, sourceRoot: Hex.encode(report.sourceRoot), targetRoot: Hex.encode(report.targetRoot),
            verification: verification, copied: copied, seconds: (ContinuousClock.now - started) / .seconds(1))
    }
}
