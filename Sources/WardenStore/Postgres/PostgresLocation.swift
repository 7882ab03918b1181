public import Foundation
public import WardenCore

/// Where a PostgreSQL database is and how to reach it, from a `postgres://` URL:
/// `postgres://USER@HOST:PORT/DATABASE?sslmode=require`.
///
/// The password is never part of what is shown: ``description`` leaves it out, and every error
/// names the part of the URL that is wrong, never its value. It comes, first found, from a
/// password file (`passfile=PATH` in the URL, or `WARDEN_DB_PASSWORD_FILE`), from
/// `WARDEN_DB_PASSWORD` or `PGPASSWORD`, or from the URL itself (which then sits in shell
/// histories and process lists: the other ways are better). A password file must be readable
/// by its owner alone, as libpq demands of `.pgpass`.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Whether and how the connection is encrypted (libpq's `sslmode`).
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP: a server on the same machine or a private network only.
        case disable
        /// Encrypted, the server's certificate not checked (libpq's `require`).
        case require
        /// Encrypted, and the server's certificate checked against the system's roots (or
        /// `sslrootcert=PATH`) and the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var database: String
    public var tls: TLSMode
    /// Certificate authorities for ``TLSMode/verifyFull`` instead of the system's (`sslrootcert`).
    public var rootCertificatePath: String?
    let password: String?

    /// The URL without its password.
    public var description: String {
        var text = "postgres://\(username)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        if tls != .disable { text += "?sslmode=\(tls.rawValue)" }
        return text
    }

    public var debugDescription: String { description }

    /// What `dump` and the debugger list: the URL without its password, not the fields.
    public var customMirror: Mirror { Mirror(self, children: ["url": description]) }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads `url`, taking the password as the type's documentation says from `environment`.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        guard Self.isURL(text), let url = URLComponents(string: text) else {
            throw .invalid("database URL: expected postgres://USER@HOST:PORT/DATABASE")
        }
        guard let user = url.user, !user.isEmpty else { throw .invalid("database URL: no user name (postgres://USER@HOST/DATABASE)") }
        guard let host = url.host, !host.isEmpty else { throw .invalid("database URL: no host") }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .invalid("database URL: no database name after the host") }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let known: Set = ["sslmode", "sslrootcert", "passfile"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid("database URL: unknown parameter \(unknown) (known: sslmode, sslrootcert, passfile)")
        }
        switch query["sslmode"] {
        case nil, "disable": tls = .disable
        case "require": tls = .require
        case "verify-full": tls = .verifyFull
        default: throw .invalid("database URL: sslmode must be disable, require or verify-full")
        }
        self.host = host
        port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw .invalid("database URL: the port is out of range") }
        username = user.removingPercentEncoding ?? user
        self.database = database.removingPercentEncoding ?? database
        rootCertificatePath = query["sslrootcert"]
        if let file = query["passfile"] ?? environment["WARDEN_DB_PASSWORD_FILE"] {
            password = try Self.readPassword(inFile: file)
        } else if let password = environment["WARDEN_DB_PASSWORD"] ?? environment["PGPASSWORD"] {
            self.password = password
        } else {
            password = url.password.map { $0.removingPercentEncoding ?? $0 }
        }
    }

    /// The first line of a password file kept from everyone but its owner.
    static func readPassword(inFile path: String) throws(StoreError) -> String {
        do {
            return try SecretFile.firstLine(of: path, what: "database password")
        } catch {
            guard case .invalidRequest(let why) = error else { throw .invalid("\(path): cannot read the database password file") }
            throw .invalid(why)
        }
    }
}
