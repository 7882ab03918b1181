/// One recipient stanza of an age header: `-> type arguments…` and a base64 body.
///
/// Stanzas of unknown types are kept and ignored, so files for other recipients (and
/// "grease" stanzas that test this tolerance) still open.
struct Stanza: Equatable, Sendable {
    /// Body lines are cut at 64 base64 columns; a shorter (possibly empty) line ends the body.
    static let bodyLineLength = 64

    var type: String
    var arguments: [String]
    var body: [UInt8]

    /// The stanza's lines as they appear in the header, each ending in a line feed.
    var encoded: [UInt8] {
        var output = Array("->".utf8)
        for argument in [type] + arguments {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: argument.utf8)
        }
        output.append(UInt8(ascii: "\n"))
        let text = Array(Base64.encode(body).utf8)
        var lineStart = 0
        while true {
            let lineEnd = min(lineStart + Self.bodyLineLength, text.count)
            output.append(contentsOf: text[lineStart..<lineEnd])
            output.append(UInt8(ascii: "\n"))
            if lineEnd - lineStart < Self.bodyLineLength { break }
            lineStart = lineEnd
        }
        return output
    }
}
