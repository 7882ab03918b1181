import Foundation
import WardenStore

/// Where a Warden's database is: an SQLite file (a path, the default) or a PostgreSQL
/// database (a `postgres://` URL). Every command takes either as `--db` or `WARDEN_DB`.
extension WardenConfiguration {
    /// Whether the database is PostgreSQL.
    public var isPostgres: Bool { PostgresLocation.isURL(databasePath) }

    /// The database as it may be shown: the path, or the URL without its password.
    public var shownDatabase: String {
        guard isPostgres else { return databasePath }
        return (try? PostgresLocation(url: databasePath).description) ?? "the PostgreSQL database"
    }

    /// The database's name: the file's name without its extension, or the PostgreSQL
    /// database's name. Names the key ring and witness directory by default, and the log.
    public var databaseName: String {
        if isPostgres { return (try? PostgresLocation(url: databasePath).database) ?? "warden" }
        return URL(fileURLWithPath: databasePath).deletingPathExtension().lastPathComponent
    }

    /// Where a file that belongs beside the database goes by default: beside the SQLite file
    /// (`party.sqlite` → `party.keyring`), or, for a PostgreSQL database, in the working
    /// directory under the database's name (`…/party` → `party.keyring`).
    static func besideDatabase(_ databasePath: String, extension suffix: String) -> String {
        if let location = try? PostgresLocation(url: databasePath) { return "\(location.database).\(suffix)" }
        return URL(fileURLWithPath: databasePath).deletingPathExtension().appendingPathExtension(suffix).path
    }

    /// The store of the database there is to open, or `nil` when there is none: no file, or
    /// (PostgreSQL, where the server keeps the database) no Warden in it yet. Nothing is
    /// created either way.
    func existingStore() async throws -> RelationalStore? {
        guard isPostgres else { return FileManager.default.fileExists(atPath: databasePath) ? try RelationalStore(path: databasePath) : nil }
        let location = try PostgresLocation(url: databasePath)
        guard try await RelationalStore.postgresHoldsWarden(location) else { return nil }
        return try await RelationalStore.postgres(location)
    }

    /// Whether no database is there yet: no file, or a PostgreSQL database without accounts.
    public func isVacant() async throws -> Bool {
        guard isPostgres else { return !FileManager.default.fileExists(atPath: databasePath) }
        return try await !RelationalStore.postgresHoldsWarden(PostgresLocation(url: databasePath))
    }

    /// Opens the database's store, creating the SQLite file or the PostgreSQL schema if needed.
    func openStore() async throws -> RelationalStore {
        guard isPostgres else { return try RelationalStore(path: databasePath) }
        return try await RelationalStore.postgres(PostgresLocation(url: databasePath))
    }
}
