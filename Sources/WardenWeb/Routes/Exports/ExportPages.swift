import Foundation
import WardenCore
import WardenServices

/// The pages of exports: the list with the form to ask for one, and one request with what it
/// will hold and the DPO's decision. Logic-free view models.
enum ExportPages {
    struct Row {
        var id: String
        var state: String
        var purpose: String
        var people: String
        var recipient: String
        var asked: String

        init(_ request: ExportRequest) {
            id = request.id.description
            state = request.state.rawValue
            purpose = request.purpose.title
            people = "\(request.count.formatted()) \(request.selectionWords)"
            recipient = request.recipient.name
            asked = "\(request.requestedBy), \(request.requestedAt.readable)"
        }
    }

    struct Option { var value: String; var label: String }

    struct List {
        var chrome: Chrome
        var rows: [Row]
        var none: Bool
        var purposes: [Option]
        var fields: [Option]
        var areas: [Option]

        /// `areas` are those the reader may ask for: inside their own grants.
        init(_ context: SignedInContext, exports: [ExportRequest], purposes: [ExportPurpose], areas: [Area]) {
            chrome = Chrome(context)
            rows = exports.map(Row.init)
            none = exports.isEmpty
            self.purposes = purposes.map {
                Option(value: $0.id, label: "\($0.title): \($0.fields.map(\.words).joined(separator: ", "))"
                           + ($0.allowsSpecialCategory ? " (intentions only with the DPO's explicit approval)" : ""))
            }
            fields = ExportField.allCases.map { Option(value: $0.rawValue, label: $0.words) }
            self.areas = areas.sorted { ($0.level, $0.name) < ($1.level, $1.name) }.map { Option(value: $0.id.description, label: "\($0.name) (\($0.level.words))") }
        }
    }

    struct One {
        var chrome: Chrome
        var row: Row
        var notice: String?
        var columns: String
        var delivery: String
        var decoys: String
        var special: Bool
        /// The DPO sees the decision form while the request waits.
        var decidable: Bool
        var decision: String?
        var file: String?
        /// How the file can still be fetched, or that its one-time link was used.
        var availability: String?
        /// A file for a key recipient waiting to be fetched.
        var fetchable: Bool

        init(_ context: SignedInContext, _ request: ExportRequest, done: String?) {
            chrome = Chrome(context)
            row = Row(request)
            notice = done.flatMap(Self.message(for:))
            columns = request.columns.joined(separator: ", ")
            delivery = request.recipient.deliveryWords
            decoys = "\(request.decoys) decoys (people who do not exist, unique to this export) are added at keyed places, and the rows are in a keyed order; they are never counted as people."
            special = request.hasSpecialCategory
            decidable = request.state == .requested && ExportPolicy.decisionRefusal(of: request, by: context.actor) == nil
            decision = request.decision.map {
                "\(request.state == .refused ? "Refused" : "Approved") by \($0.by) at \($0.at): “\($0.reason)”."
                    + ($0.overBudget ? " Allowed past the requester's read budget." : "") + ($0.specialCategory ? " Special category data approved explicitly." : "")
            }
            file = request.file.map { "\($0.people.formatted()) people and \($0.decoys) decoys, \($0.bytes.formatted()) bytes; SHA-256 \($0.sha256) (also in the log)." }
            if let used = request.linkUsedAt {
                availability = "The link was used at \(used.readable) and works no more."
            } else {
                availability = request.expires.map { request.recipient.ageKey == nil ? "The link works once, until \($0.readable)." : "The encrypted file can be fetched until \($0.readable)." }
            }
            fetchable = request.recipient.ageKey != nil && (request.state == .ready || request.state == .delivered)
        }

        static func message(for done: String) -> String? {
            switch done {
            case "requested": "Export requested. Nothing has been read: the data protection officer decides next."
            case "approved": "Export approved. The file is written, encrypted; it reaches the recipient as shown below."
            case "refused": "Export refused; the requester can see why."
            default: nil
            }
        }
    }
}
