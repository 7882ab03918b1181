import ArgumentParser
import Foundation
import WardenServices

/// Where the database and its key ring are: `--db` / `WARDEN_DB` and `--keyring` / `WARDEN_KEYRING`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The database file (env WARDEN_DB).", valueName: "path"))
    var database: String?

    @Option(help: ArgumentHelp("The key ring file, kept apart from the database (env WARDEN_KEYRING; default: beside the database, .keyring).", valueName: "path"))
    var keyring: String?

    func configuration(defaultDatabase: String = "warden.sqlite") -> WardenConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let database = database ?? environment["WARDEN_DB"] ?? defaultDatabase
        return WardenConfiguration(databasePath: database, keyRingPath: keyring ?? environment["WARDEN_KEYRING"])
    }
}

/// `--host` and `--port` for the commands that serve.
struct ServerOptions: ParsableArguments {
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080
}
