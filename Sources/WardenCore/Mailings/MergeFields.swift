import Foundation

/// The merge fields a mailing may use, and the one renderer that fills them: for the author's
/// sample and for every email queued, so the sample is exactly what recipients get.
///
/// A field is written `{{first_name}}`. Values come from the recipient's record and are
/// neutralised (``SafeText/line(_:)``): a name cannot add lines, links or control characters
/// to someone's email.
public enum MergeFields {
    /// The fields, with what each holds.
    public static let fields: [(name: String, meaning: String)] = [
        ("first_name", "the recipient's first forename, or \"friend\" when none is known"),
        ("area", "the name of the mailing's area"),
    ]

    /// One recipient's values.
    public struct Values: Sendable, Hashable {
        public var firstName: String?
        public var area: String
        public init(firstName: String?, area: String) {
            self.firstName = firstName
            self.area = area
        }

        /// The values the author's sample shows: nobody's.
        public static func sample(area: String) -> Values { Values(firstName: "Sam", area: area) }

        func value(of field: Substring) -> String? {
            switch field {
            case "first_name":
                let first = firstName.flatMap { $0.split(separator: " ").first.map(String.init) } ?? ""
                return first.isEmpty ? "friend" : SafeText.line(first)
            case "area": return SafeText.line(area)
            default: return nil
            }
        }
    }

    /// The names between `{{` and `}}` in `text` that are not merge fields.
    public static func unknownFields(in text: String) -> [String] {
        var unknown: [String] = []
        for field in placeholders(in: text) where !fields.contains(where: { $0.name == field }) && !unknown.contains(String(field)) {
            unknown.append(String(field))
        }
        return unknown
    }

    /// `text` with each merge field replaced by its value; unknown fields are left as written.
    public static func fill(_ text: String, with values: Values) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 32)
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(after[..<close.lowerBound]).trimmingCharacters(in: " ")
            result += values.value(of: name) ?? String(rest[open.lowerBound..<close.upperBound])
            rest = after[close.upperBound...]
        }
        result += rest
        return result
    }

    private static func placeholders(in text: String) -> [Substring] {
        var names: [Substring] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: " "))
            rest = rest[close.upperBound...]
        }
        return names
    }
}
