import Foundation
public import WardenCore
import WardenImport


/// The suppression list as a file: what an export writes and an import reads.
///
/// An export carries the keyed hashes (`hash`), which only a Warden holding the same key ring
/// matches: the list moves between Warden servers of one party without a single address. An
/// import also takes plain addresses (`email`), as an email provider exports its unsubscribes
/// and bounces when a party leaves it; they are hashed as they are read and never stored.
public enum SuppressionFile {
    public static let header = ["hash", "reason", "since", "source"]

    /// One line read: an address or a hash, and its entry.
    public enum Key: Sendable, Hashable {
        case address(String)
        case hash([UInt8])
    }

    /// The CSV text of `list`, each cell quoted and neutralised as exports are (``ExportCSV``):
    /// a source imported from a provider's file cannot run as a formula when the list is opened.
    public static func csv(_ list: [SuppressedHash]) -> String {
        var text = header.joined(separator: ",") + "\r\n"
        for item in list {
            text += ExportCSV.line([Hex.encode(item.hash), item.entry.reason.rawValue, item.entry.since.description, item.entry.source])
        }
        return text
    }

    /// Every line of the file at `path`, or every problem in it (file, line and field, never
    /// the value): an import is all or nothing.
    public static func read(path: String, displayName: String, at instant: Timestamp) throws -> [(Key, SuppressionEntry)] {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: displayName) } catch { throw WardenError.invalidRequest(error.description) }
        var problems: [String] = []
        var lines: [(Key, SuppressionEntry)] = []
        do {
            guard let first = try reader.next() else { throw WardenError.invalidRequest("\(displayName): the file is empty") }
            let columns = HeaderIndex(first.fields)
            let email = columns.column("email", "email address", "address"), hash = columns.column("hash")
            guard email != nil || hash != nil else {
                throw WardenError.invalidRequest("\(displayName):\(first.line): no column named email or hash")
            }
            let reasonColumn = columns.column("reason", "type", "status"), since = columns.column("since", "date", "created")
            let source = columns.column("source")
            while let record = try reader.next() {
                func field(_ index: Int?) -> String? {
                    index.flatMap { $0 < record.fields.count ? record.fields[$0].trimmingCharacters(in: .whitespaces) : nil }.flatMap { $0.isEmpty ? nil : $0 }
                }
                let at = "\(displayName):\(record.line)"
                let key: Key
                if let value = field(email) {
                    guard ContactPoint.isPlausibleEmail(value) else { problems.append("\(at): email: not an email address"); continue }
                    key = .address(value)
                } else if let value = field(hash), let bytes = Hex.decode(value), bytes.count == 32 {
                    key = .hash(bytes)
                } else {
                    problems.append("\(at): \(hash == nil ? "email" : "hash"): missing or malformed")
                    continue
                }
                guard let reason = reason(field(reasonColumn)) else { problems.append("\(at): reason: not one Warden knows"); continue }
                var when = instant
                if let text = field(since) {
                    guard let parsed = Timestamp(typed: text) else {
                        problems.append("\(at): since: not a date"); continue
                    }
                    when = parsed
                }
                let from = field(source).map { SafeText.line(ExportCSV.unneutralised($0)) } ?? "import: \(displayName)"
                lines.append((key, SuppressionEntry(reason: reason, since: when, source: from)))
            }
        } catch let error as CSVError {
            throw WardenError.invalidRequest(error.description)
        }
        guard problems.isEmpty else {
            throw WardenError.invalidRequest(problems.prefix(20).joined(separator: "; ") + (problems.count > 20 ? "; and \(problems.count - 20) more" : ""))
        }
        return lines
    }

    /// A reason as Warden writes it, or as providers commonly do; an empty one is an unsubscribe.
    static func reason(_ text: String?) -> SuppressionReason? {
        guard let text else { return .unsubscribed }
        if let reason = SuppressionReason(rawValue: text.lowercased()) { return reason }
        switch Normalize.letters(text) {
        case "UNSUBSCRIBE", "UNSUBSCRIBES", "OPTOUT", "OPTEDOUT": return .unsubscribed
        case "OBJECTION", "OBJECT": return .objected
        case "COMPLAINT", "COMPLAINTS", "SPAM", "SPAMREPORT", "ABUSE": return .complained
        case "BOUNCE", "BOUNCES", "HARDBOUNCE", "HARDBOUNCED", "INVALID": return .bounced
        default: return nil
        }
    }
}
