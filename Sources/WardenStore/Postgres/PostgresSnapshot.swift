import Foundation
public import WardenCore

extension PostgresEngine {
    /// `pg_dump` of one consistent snapshot, taken while writers go on: a repeatable-read
    /// transaction exports its snapshot, reads what the manifest needs, and `pg_dump
    /// --snapshot` dumps exactly what that transaction sees. The custom format is compressed;
    /// `pg_restore` reads it back (``PostgresTools``).
    func snapshot(into path: String) async throws -> SnapshotFacts {
        let location = location
        return try await transaction(readOnly: true) { session in
            guard let snapshot = try session.row("SELECT pg_export_snapshot()")?.text(0) else {
                throw StoreError.unavailable("PostgreSQL exported no snapshot")
            }
            let applied = Set(try session.rows("SELECT name FROM warden_migration").map { try $0.text(0) })
            let schema = PostgresSchema.steps.last { applied.contains($0.name) }?.name ?? ""
            let size = try session.row("SELECT COALESCE(MAX(leaf), -1) + 1 FROM audit_event")?.integer(0) ?? 0
            let checkpoint = try session.row("SELECT size, root, note, at FROM log_checkpoint ORDER BY size DESC LIMIT 1").map { row in
                StoredCheckpoint(size: UInt64(try row.integer(0)), rootHash: try row.blob(1), note: try row.text(2), at: try row.timestamp(3))
            }
            _ = try PostgresTools.run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--snapshot=\(snapshot)", "--file=\(path)"],
                                      on: location)
            return SnapshotFacts(engine: "postgresql", schemaVersion: schema, logSize: UInt64(size), checkpoint: checkpoint)
        }
    }

    /// A dump cannot be verified without loading it into a database of its own: this reads its
    /// whole table of contents (`pg_restore --list`); the key versions come from the database
    /// as it is now. The full verify runs when it is restored.
    func checkSnapshot(at path: String) async throws -> SnapshotCheck {
        let listing = try PostgresTools.run("pg_restore", ["--list", path], on: nil)
        let items = listing.split(separator: "\n").filter { !$0.hasPrefix(";") && !$0.isEmpty }.count
        guard items > 0 else { throw StoreError.unavailable("\(path): pg_restore lists nothing in the dump") }
        return SnapshotCheck(report: nil, keyUsage: nil, summary: "the dump's table of contents reads (\(items) items); it is verified when restored")
    }
}

/// PostgreSQL's own client tools, `pg_dump` and `pg_restore` (Debian's postgresql-client): the
/// password goes in their environment, never on a command line other users can read, and a
/// failure is reported by its first line, with the URL shown without its password.
public enum PostgresTools {
    /// Runs `tool`, connected to `location` when given; returns what it printed.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], on location: PostgresLocation?) throws -> String {
        let candidates = ["/usr/bin/\(tool)"] + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw StoreError.unavailable("\(tool) is not installed (Debian's postgresql-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        var environment = ProcessInfo.processInfo.environment
        process.arguments = arguments
        if let location {
            process.arguments? += ["--dbname=\(location.database)", "--host=\(location.host)", "--port=\(location.port)",
                                   "--username=\(location.username)", "--no-password"]
            environment["PGPASSWORD"] = location.password
            environment["PGSSLMODE"] = location.tls.rawValue
            if let root = location.rootCertificatePath { environment["PGSSLROOTCERT"] = root }
        }
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("warden-\(tool)-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil, attributes: [.posixPermissions: 0o600])
        defer { try? FileManager.default.removeItem(at: output) }
        let errors = Pipe()
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let first = String(decoding: said, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
            throw StoreError.unavailable("\(tool) failed\(location.map { " on \($0)" } ?? ""): \(first)")
        }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// Loads a `pg_dump` archive into the empty database `location` names, in one
    /// transaction: a failure leaves the database as it was.
    public static func restore(_ archive: String, into location: PostgresLocation) throws {
        try run("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", archive], on: location)
    }
}
