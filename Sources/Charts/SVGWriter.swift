/// Builds SVG markup with every attribute value and text node escaped, so area names typed by
/// volunteers can never inject markup into the dashboard.
struct SVGWriter {
    /// The markup written so far.
    private(set) var markup = ""

    /// Writes a start tag; pair it with `close(_:)`.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        markup += "<\(name)\(Self.attributeList(attributes))>\n"
    }

    /// Writes the end tag for an element started with `open(_:_:)`.
    mutating func close(_ name: String) {
        markup += "</\(name)>\n"
    }

    /// Writes a self-closing element with no content.
    mutating func leaf(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        markup += "<\(name)\(Self.attributeList(attributes))/>\n"
    }

    /// Writes an element whose only content is escaped text.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        markup += "<\(name)\(Self.attributeList(attributes))>\(Self.escape(text))</\(name)>\n"
    }

    /// Escapes text for use in XML content or a quoted attribute value. Characters XML 1.0 forbids
    /// (most control characters) become U+FFFD so the output always parses.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case _ where isXMLCharacter(scalar): escaped.unicodeScalars.append(scalar)
            default: escaped.unicodeScalars.append("\u{FFFD}")
            }
        }
        return escaped
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func attributeList(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }
}

extension Double {
    /// A coordinate rounded to hundredths with trailing zeros dropped, so output is compact and
    /// byte-identical across runs and platforms.
    var svgNumber: String {
        let hundredths = Int((self * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = hundredths.magnitude / 100
        let fraction = hundredths.magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
