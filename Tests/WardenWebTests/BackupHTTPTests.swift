import AgeEncryption
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

/// The DPO sees the last good backup and the next one, on the page and through the API;
/// nobody else does, and the refusal is recorded.
@Suite("Backups over HTTP", .enabled(if: TestEngine.current == .sqlite, "backups hold SQLite files"))
struct BackupHTTPTests {
    @Test func theOfficerSeesTheLastGoodBackupAndTheNextAndOthersAreRefused() async throws {
        let (harness, schedule, taken) = try await Self.withBackup()
        try await harness.run(configuration: WebConfiguration(backups: schedule)) { client in
            let dpo = try await harness.token(client, "dpo")
            let status = try await client.call(.get, "/api/v1/backups", token: dpo, expect: .ok).json
            let last = try #require(status["lastGood"] as? [String: Any])
            #expect(last["file"] as? String == taken.file && last["logSize"] as? Int == Int(taken.manifest.logSize))
            #expect(status["everySeconds"] as? Int == 900)
            #expect((status["files"] as? [[String: Any]])?.first?["name"] as? String == URL(fileURLWithPath: taken.file).lastPathComponent)
            #expect(status["next"] as? String == taken.manifest.created.adding(seconds: 900).description)

            let canvasser = try await harness.token(client, "canvasser")
            _ = try await client.call(.get, "/api/v1/backups", token: canvasser, expect: .forbidden)
        }
        let refusals = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 30).filter { $0.outcome == .refused }
        #expect(refusals.contains { $0.actor == "canvasser" && $0.detail.contains("backups") })
    }

    static func withBackup() async throws -> (WebHarness, BackupSchedule, BackupService.Taken) {
        let harness = try await WebHarness.make()
        let key = X25519Identity()
        let directory = harness.test.directory.appendingPathComponent("backups").path
        let schedule = try BackupSchedule(directory: directory, recipients: [key.recipient], every: .seconds(900))
        let taken = try await harness.test.warden.backups.take(to: directory, recipients: [key.recipient], actor: .localOperator)
        return (harness, schedule, taken)
    }

    @Test func theBackupsPageShowsTheLastGoodBackupAndTheSchedule() async throws {
        let (harness, schedule, _) = try await Self.withBackup()
        try await harness.run(configuration: WebConfiguration(backups: schedule)) { client in
            let (cookie, _, _) = try await client.signInPage("dpo", code: try await harness.test.code("dpo"), page: "/backups")
            try await client.execute(uri: "/backups", method: .get, headers: [.cookie: "warden_session=\(cookie)"]) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("Last good backup") && page.contains("every 15 minutes") && page.contains("<a href=\"/backups\""))
            }
        }
    }
}
