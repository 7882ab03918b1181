import Foundation
import Testing
import WardenCore
@testable import WardenStore

/// The throwaway PostgreSQL cluster `scripts/test` starts (`scripts/postgres`): its URL in
/// `WARDEN_TEST_POSTGRES`, its password in the file `WARDEN_DB_PASSWORD_FILE` names. Each test
/// gets a database of its own.
enum PostgresTestServer {
    /// The cluster's administrative database; `nil` (and a recorded issue) when the suite was
    /// not started by `scripts/test`.
    static func administration() throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment["WARDEN_TEST_POSTGRES"] else {
            throw StoreError.unavailable("no test PostgreSQL: run the suite through scripts/test, which starts one (scripts/postgres)")
        }
        return try PostgresLocation(url: url)
    }

    /// A new, empty database on the test cluster.
    static func freshDatabase() async throws -> PostgresLocation {
        var location = try administration()
        let name = "warden_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try await PostgresEngine.connect(location, connections: 1)
        do {
            try await admin.session { try $0.execute("CREATE DATABASE \(name)") }
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        location.database = name
        return location
    }
}
