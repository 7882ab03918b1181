import ArgumentParser
import Foundation
import WardenMail
import WardenServices

/// Where the database and its key ring are: `--db` / `WARDEN_DB` and `--keyring` / `WARDEN_KEYRING`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The database: an SQLite file, or a PostgreSQL database as postgres://USER@HOST:PORT/NAME?sslmode=require (env WARDEN_DB; the password from a 0600 file named by passfile=… or WARDEN_DB_PASSWORD_FILE, or from WARDEN_DB_PASSWORD or PGPASSWORD).",
        valueName: "path or url"))
    var database: String?

    @Option(help: ArgumentHelp("The key ring file, kept apart from the database (env WARDEN_KEYRING; default: beside the database file, .keyring, or NAME.keyring in the working directory for PostgreSQL).", valueName: "path"))
    var keyring: String?

    @Option(help: ArgumentHelp("Where signed log checkpoints are written, outside the database (env WARDEN_WITNESS; default: beside the database, .witness).", valueName: "dir"))
    var witness: String?

    /// The command's database; it is also noted for ``ExitCheckpoint``, so whatever the
    /// command logs is checkpointed when it ends (unless the command must not open it: a
    /// restore names the database it replaces, which may be what was damaged).
    func configuration(defaultDatabase: String = "warden.sqlite", checkpointOnExit: Bool = true) -> WardenConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let database = database ?? environment["WARDEN_DB"] ?? defaultDatabase
        let configuration = WardenConfiguration(databasePath: database, keyRingPath: keyring ?? environment["WARDEN_KEYRING"],
                                                witnessDirectory: witness ?? environment["WARDEN_WITNESS"])
        if checkpointOnExit { ExitCheckpoint.note(configuration) }
        return configuration
    }
}

/// `--host` and `--port` for the commands that serve.
struct ServerOptions: ParsableArguments {
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("The address members reach this server at, for change-notice links (default: http://HOST:PORT).", valueName: "url"))
    var publicURL: String?

    /// `configuration` with this server's public address and the mail relay.
    func applied(to configuration: WardenConfiguration, mail: MailOptions) throws -> WardenConfiguration {
        var configuration = configuration
        configuration.publicURL = publicURL ?? "http://\(host):\(port)"
        configuration.mailRelay = try mail.relay()
        return configuration
    }
}
