public import Foundation
import WardenCore
public import WardenServices

/// The engine a ``TestWarden`` keeps its database on. The service and web suites run once on
/// each: `scripts/test` runs them on SQLite, then again with `WARDEN_TEST_ENGINE=postgres` on
/// the throwaway cluster it started (`WARDEN_TEST_POSTGRES`, its password in the file
/// `WARDEN_DB_PASSWORD_FILE` names), where every test gets a database of its own.
///
/// Both engines are reached behind Warden's back by their own command-line clients, Debian's
/// `sqlite3` and `psql`, as someone holding the file or the server's credentials would.
public enum TestEngine: String, Sendable {
    case sqlite, postgres

    /// The engine this run of the suite is on.
    public static let current: TestEngine = {
        let name = ProcessInfo.processInfo.environment["WARDEN_TEST_ENGINE"] ?? "sqlite"
        guard let engine = TestEngine(rawValue: name) else { fatalError("WARDEN_TEST_ENGINE: expected sqlite or postgres") }
        return engine
    }()

    /// Where a new test's database goes: a file in `directory`, or a new database on the test
    /// cluster.
    public func newDatabase(in directory: URL) throws -> String {
        switch self {
        case .sqlite:
            return directory.appendingPathComponent("warden.sqlite").path
        case .postgres:
            let name = "warden_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
            _ = try Self.psql(Self.clusterURL(), "CREATE DATABASE \(name)")
            return try Self.clusterURL().replacingOccurrences(of: #"/[^/]*$"#, with: "/\(name)", options: .regularExpression)
        }
    }

    /// Runs `sql` against `database` with the engine's own client and returns each output line
    /// (values separated by `|`).
    public func run(_ sql: String, on database: String) throws -> [String] {
        switch self {
        case .sqlite: try Self.tool("/usr/bin/sqlite3", [database, sql], environment: [:])
        case .postgres: try Self.psql(database, sql)
        }
    }

    /// Everything `database` holds as its engine stores it: the SQLite file and its write-ahead
    /// log byte for byte, or a `pg_dump` of the PostgreSQL database (every row of every table).
    public func storedBytes(of database: String) throws -> Data {
        switch self {
        case .sqlite:
            var bytes = Data()
            for path in [database, database + "-wal"] where FileManager.default.fileExists(atPath: path) {
                bytes += try Data(contentsOf: URL(fileURLWithPath: path))
            }
            return bytes
        case .postgres:
            return Data(try Self.tool("/usr/bin/pg_dump", ["--no-owner", "-d", database], environment: Self.password()).joined(separator: "\n").utf8)
        }
    }

    /// An SQL expression for 32 zero bytes, where a hash goes.
    public var zeroHash: String {
        switch self {
        case .sqlite: "zeroblob(32)"
        case .postgres: "decode(repeat('00', 32), 'hex')"
        }
    }

    private static func password() throws -> [String: String] {
        guard let file = ProcessInfo.processInfo.environment["WARDEN_DB_PASSWORD_FILE"] else { return [:] }
        return ["PGPASSWORD": try firstLine(of: file)]
    }

    private static func clusterURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["WARDEN_TEST_POSTGRES"] else {
            throw WardenError.invalidRequest("no test PostgreSQL: run the suite through scripts/test, which starts one")
        }
        return url
    }

    /// `psql` on `url`, stopping at the first error; unaligned output without headers, as
    /// `sqlite3` prints. The password comes as Warden takes it: from the file the URL's
    /// `passfile` names (its first line), else from the file the suite was given.
    private static func psql(_ url: String, _ sql: String) throws -> [String] {
        var components = URLComponents(string: url)
        let passfile = components?.queryItems?.first { $0.name == "passfile" }?.value
        components?.query = nil
        let environment = try passfile.map { ["PGPASSWORD": try firstLine(of: $0)] } ?? password()
        return try tool("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", components?.string ?? url, "-c", sql],
                        environment: environment)
    }

    private static func firstLine(of file: String) throws -> String {
        String(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first ?? "")
    }

    private static func tool(_ path: String, _ arguments: [String], environment: [String: String]) throws -> [String] {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WardenError.invalidRequest("\(URL(fileURLWithPath: path).lastPathComponent) failed: \(arguments.last ?? "")")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}

extension WardenConfiguration {
    /// The engine this configuration's database is on.
    public var testEngine: TestEngine { isPostgres ? .postgres : .sqlite }
}
