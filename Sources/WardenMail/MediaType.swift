/// A `Content-Type` value (RFC 2045 §5.1): type, subtype and parameters, with the type,
/// subtype and parameter names lower-cased since they are case-insensitive, and the values as
/// written (a boundary is case-sensitive).
struct MediaType: Sendable, Hashable {
    var type: String
    var subtype: String
    var parameters: [String: String]

    /// `text/plain`, what a part without a `Content-Type` is (RFC 2045 §5.2).
    static let plainText = MediaType(type: "text", subtype: "plain", parameters: [:])

    init(type: String, subtype: String, parameters: [String: String]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// Parses `value`; parameter values may be tokens or quoted strings with `\` escapes.
    /// Returns `nil` when there is no `type/subtype`.
    init?(_ value: String) {
        var rest = Substring(value)
        let head = rest.prefix { $0 != ";" }
        rest = rest[head.endIndex...]
        let parts = head.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let type = parts[0].trimmingWhitespace().lowercased()
        let subtype = parts[1].trimmingWhitespace().lowercased()
        guard !type.isEmpty, !subtype.isEmpty else { return nil }
        var parameters: [String: String] = [:]
        while rest.first == ";" {
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            let name = rest.prefix { $0 != "=" && $0 != ";" }
            rest = rest[name.endIndex...]
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            let parameterValue: String
            if rest.first == "\"" {
                (parameterValue, rest) = Self.quotedString(rest.dropFirst())
                rest = rest.drop { $0 != ";" }
            } else {
                let token = rest.prefix { $0 != ";" }
                rest = rest[token.endIndex...]
                parameterValue = String(token.trimmingWhitespace())
            }
            let key = name.trimmingWhitespace().lowercased()
            if !key.isEmpty, parameters[key] == nil { parameters[key] = parameterValue }
        }
        self.init(type: type, subtype: subtype, parameters: parameters)
    }

    /// `type/subtype`.
    var essence: String { "\(type)/\(subtype)" }

    /// The rest of a quoted string after its opening quote: its value and what follows the
    /// closing quote (or nothing, when it is never closed).
    private static func quotedString(_ text: Substring) -> (String, Substring) {
        var value = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if character == "\"" { return (value, text[index...]) }
            if character == "\\", index < text.endIndex {
                value.append(text[index])
                index = text.index(after: index)
            } else {
                value.append(character)
            }
        }
        return (value, text[text.endIndex...])
    }
}
