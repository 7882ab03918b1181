import Foundation
import Testing
import WardenCore
@testable import WardenStore

/// Reading `--db postgres://…`: every part named in its errors, the password never shown,
/// and taken from a file, the environment or the URL, in that order.
@Suite("PostgreSQL locations")
struct PostgresLocationTests {
    @Test func aURLIsReadAndShownWithoutItsPassword() throws {
        let location = try PostgresLocation(url: "postgres://warden:s3cret@db.example.org:6543/party?sslmode=verify-full", environment: [:])
        #expect(location.host == "db.example.org")
        #expect(location.port == 6543)
        #expect(location.username == "warden")
        #expect(location.database == "party")
        #expect(location.tls == .verifyFull)
        #expect(location.description == "postgres://warden@db.example.org:6543/party?sslmode=verify-full")
        // Nor in a debugging print or a dump, which would otherwise list the stored fields.
        var dumped = ""
        dump(location, to: &dumped)
        for shown in ["\(location)", String(reflecting: location), dumped] {
            #expect(!shown.contains("s3cret"), "\(shown)")
        }
        let plain = try PostgresLocation(url: "postgresql://warden@localhost/party", environment: [:])
        #expect(plain.port == 5432)
        #expect(plain.tls == .disable)
    }

    @Test(arguments: [
        ("mysql://warden@host/party", "expected postgres://"),
        ("postgres://host/party", "no user name"),
        ("postgres://warden@host", "no database name"),
        ("postgres://warden@host/party?sslmode=allow", "sslmode must be"),
        ("postgres://warden@host/party?password=x", "unknown parameter password"),
        ("postgres://warden:hunter2@host:99999/party", "port"),
    ])
    func aBadURLNamesWhatIsWrongAndNeverThePassword(url: String, problem: String) {
        do {
            _ = try PostgresLocation(url: url, environment: [:])
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.description.contains(problem), "\(error.description)")
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func thePasswordComesFromAFileBeforeTheEnvironmentBeforeTheURL() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("password").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("from-file\nignored\n".utf8), attributes: [.posixPermissions: 0o600]))
        let url = "postgres://warden:from-url@host/party"
        #expect(try PostgresLocation(url: url, environment: ["WARDEN_DB_PASSWORD_FILE": file, "PGPASSWORD": "env"]).password == "from-file")
        #expect(try PostgresLocation(url: url + "?passfile=\(file)", environment: ["PGPASSWORD": "env"]).password == "from-file")
        #expect(try PostgresLocation(url: url, environment: ["PGPASSWORD": "env"]).password == "env")
        #expect(try PostgresLocation(url: url, environment: ["WARDEN_DB_PASSWORD": "warden-env", "PGPASSWORD": "env"]).password == "warden-env")
        #expect(try PostgresLocation(url: url, environment: [:]).password == "from-url")
        // A password file others can read is refused, naming the file, not its contents.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(throws: StoreError.invalid("\(file): the database password file must be readable by its owner only (chmod 600)")) {
            _ = try PostgresLocation(url: url, environment: ["WARDEN_DB_PASSWORD_FILE": file])
        }
    }
}
