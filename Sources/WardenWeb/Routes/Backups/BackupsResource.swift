import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The DPO's view of the backups: the last good one, when the next is due, and the files in
/// the backup directory with their manifests. Page and API; the service checks the caller.
struct BackupsResource: Resource {
    let warden: Warden
    let pages: Pages
    let schedule: BackupSchedule?

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "backups", page: "backups", use: status)
    }

    struct BackupsResponse: ResponseEncodable {
        var lastGood: BackupStatus?
        /// When the next scheduled backup is due; absent when this server takes none.
        var next: Timestamp?
        var everySeconds: Int64?
        var files: [File]

        struct File: Codable, Sendable {
            var name: String
            var bytes: Int64
            var created: Timestamp?
            var entries: UInt64?
        }
    }

    struct BackupsPage {
        var chrome: Chrome
        var last: String
        var next: String
        var overdue: Bool
        var files: [Row]
        var none: Bool

        struct Row { var name: String; var created: String; var size: String; var entries: String }
    }

    @Sendable func status(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let last = try await warden.backups.lastGood(actor: context.actor)
        let files = try schedule.map { try warden.backups.list($0.directory) } ?? []
        let response = BackupsResponse(
            lastGood: last, next: schedule?.next(after: last), everySeconds: schedule?.every.components.seconds,
            files: files.reversed().map {
                .init(name: URL(fileURLWithPath: $0.file).lastPathComponent, bytes: $0.bytes, created: $0.manifest?.created, entries: $0.manifest?.logSize)
            })
        switch answer {
        case .json:
            return try response.response(from: request, context: context)
        case .page:
            let next = response.next
            let page = BackupsPage(
                chrome: Chrome(context),
                last: last.map { "Last good backup \(Self.shown($0.at)): \(Self.size($0.bytes)), \($0.logSize) log entries. \($0.check.prefix(1).uppercased() + $0.check.dropFirst())." }
                    ?? "No backup has been taken yet.",
                next: schedule.map { "The server backs up every \($0.every.components.seconds / 60) minutes into \($0.directory); next due \(next.map(Self.shown) ?? "now")." }
                    ?? "This server takes no backups of its own: start it with --backup-dir and --backup-recipient, or run `warden backup` from a timer.",
                overdue: schedule.map { $0.isOverdue(last, since: last?.at ?? .now, now: .now) } ?? false,
                files: response.files.map { BackupsPage.Row(name: $0.name, created: $0.created.map(Self.shown) ?? "unknown", size: Self.size($0.bytes),
                                                entries: $0.entries.map(String.init) ?? "") },
                none: response.files.isEmpty)
            return try pages.render(page, template: "backups")
        }
    }

    static func shown(_ instant: Timestamp) -> String { instant.readable }

    static func size(_ bytes: Int64) -> String {
        bytes >= 1 << 30 ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
            : bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(max(1, bytes / 1024)) KB"
    }
}
