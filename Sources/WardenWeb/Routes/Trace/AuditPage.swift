import Hummingbird
import WardenCore

/// The investigations page: the question asked, its answer's counts and rows, and the form
/// to ask again. A rollback's report is shown on it too.
struct AuditPage {
    var chrome: Chrome
    var question: String?
    var summary: String?
    var counts: [Count] = []
    var changes: [ChangeRow] = []
    var accesses: [AccessRow] = []
    var rollback: [RollbackRow] = []
    var account: String
    var area: String
    var person: String
    var from: String
    var to: String
    /// What is wrong with the form as sent; the form keeps what was typed.
    var problem: String?
    // Stored, not computed: Mustache sees stored properties only. Set by `render`.
    var hasCounts = false
    var hasChanges = false
    var hasAccesses = false
    var hasRollback = false

    struct Count { var name: String; var count: Int }
    struct ChangeRow { var at: String; var person: String; var actor: String; var fields: String; var area: String; var reason: String; var entry: String }
    struct AccessRow { var at: String; var actor: String; var action: String; var outcome: String; var classes: String; var entry: String }
    struct RollbackRow { var person: String; var field: String; var outcome: String; var laterBy: String }

    func render(_ pages: Pages, status: HTTPResponse.Status = .ok) throws -> Response {
        var page = self
        page.hasCounts = !counts.isEmpty
        page.hasChanges = !changes.isEmpty
        page.hasAccesses = !accesses.isEmpty
        page.hasRollback = !rollback.isEmpty
        return try pages.render(page, template: "audit", status: status)
    }

    static func row(_ change: ChangeItem) -> ChangeRow {
        ChangeRow(at: change.at.readable, person: String(change.personID.rawValue), actor: change.actor,
                  fields: change.fields.joined(separator: ", "), area: change.area ?? "", reason: change.reason,
                  entry: change.entryIndex.map(String.init) ?? "")
    }
}
