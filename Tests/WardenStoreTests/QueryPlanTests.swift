import Foundation
import GRDB
import Testing
import WardenCore
@testable import WardenStore

/// The statements on a request's path use their indexes. SQLite uses a partial index only for
/// the very condition it was made with (`current = 1`): a statement written `e.current` reads
/// the same rows and scans every register entry for every person, which made a person read
/// ten times slower once. These plans keep that from coming back unseen.
@Suite("Query plans")
struct QueryPlanTests {
    func plan(_ sql: String) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let store = try RelationalStore(path: file)
        return try await #require(store.sqlite).pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql.replacingOccurrences(of: "?1", with: "1").replacingOccurrences(of: "?2", with: "1")
                .replacingOccurrences(of: "?", with: "1")).map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    @Test func aPersonIsReadThroughTheCurrentRegisterEntrysIndex() async throws {
        let plan = try await plan(PersonRows.select + " WHERE p.id = ?")
        #expect(plan.contains("elector_current_person"), "\(plan)")
        #expect(!plan.contains("SCAN e"), "\(plan)")
    }

    @Test func aWalkListsPeopleAreReadThroughIndexesOnly() async throws {
        let plan = try await plan(PersonRows.select + """
             JOIN walk_list_household w ON w.household_id = p.household_id
            WHERE w.walk_list_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR w.position = ?2) AND e.person_id IS NOT NULL
            """)
        #expect(plan.contains("elector_current_person"), "\(plan)")
        #expect(!plan.contains("SCAN p") && !plan.contains("SCAN e"), "\(plan)")
    }
}
