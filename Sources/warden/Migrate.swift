import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden migrate --from party.sqlite --to postgres://…`: a whole party onto PostgreSQL.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a whole party from its SQLite file into an empty PostgreSQL database, and verify it there.",
            discussion: """
                Everything moves, as it is, in one transaction: people and their versions, the audit log with its tree \
                and checkpoints, accounts, grants and sessions, campaigns and walk lists, the outbox and the settings. \
                Stop the server first: the move reads one snapshot of the file, and later writes to it are not moved. \
                The key ring and the witness directory are copied to the PostgreSQL database's places when nothing is \
                there yet (NAME.keyring and NAME.witness in the working directory, or --to-keyring and --to-witness). \
                Afterwards the target is verified and its log root compared with the file's: the command exits \
                non-zero unless both hold.
                """)

        @Option(help: ArgumentHelp("The party's SQLite database.", valueName: "path"))
        var from: String

        @Option(help: ArgumentHelp("The empty PostgreSQL database: postgres://USER@HOST:PORT/NAME (password as for --db).", valueName: "url"))
        var to: String

        @Option(help: ArgumentHelp("The SQLite database's key ring (default: beside it, .keyring).", valueName: "path"))
        var keyring: String?

        @Option(help: ArgumentHelp("The SQLite database's witness directory (default: beside it, .witness).", valueName: "dir"))
        var witness: String?

        @Option(help: ArgumentHelp("Where the PostgreSQL database's key ring goes (default: NAME.keyring in the working directory).", valueName: "path"))
        var toKeyring: String?

        @Option(help: ArgumentHelp("Where the PostgreSQL database's witness directory goes (default: NAME.witness in the working directory).", valueName: "dir"))
        var toWitness: String?

        func run() async throws {
            let source = WardenConfiguration(databasePath: from, keyRingPath: keyring, witnessDirectory: witness)
            let target = WardenConfiguration(databasePath: to, keyRingPath: toKeyring, witnessDirectory: toWitness)
            Terminal.say("moving \(source.shownDatabase) to \(target.shownDatabase)")
            let move = try await reportingErrors {
                try await source.move(to: target) { table, rows in Terminal.say("  \(table): \(rows) rows") }
            }
            let rows = move.tables.reduce(0) { $0 + $1.rows }
            Terminal.say("moved \(rows) rows in \(move.tables.count) tables in \(String(format: "%.1f", move.seconds)) s")
            for path in move.copied { Terminal.say("copied \(path) (keep it apart from the database, as the original)") }
            Terminal.say("log: \(move.entries) entries; root in the file \(move.sourceRoot), on PostgreSQL \(move.targetRoot)")
            for finding in move.verification.findings { Terminal.say("TAMPERED: \(finding)") }
            guard move.sourceRoot == move.targetRoot else { throw CLIError(description: "the log's root differs after the move") }
            guard move.verification.isIntact else { throw ExitCode(2) }
            Terminal.say("verified: intact. Serve it with --db \(target.shownDatabase) --keyring \(target.keyRingPath)")
        }
    }
}
