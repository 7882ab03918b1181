/// A minimal quoted-printable encoder (RFC 2045 §6.7) for `text/plain` bodies.
///
/// Quoted-printable keeps mostly-ASCII text readable on the wire while making the message 7-bit
/// clean, so it passes any relay without depending on the 8BITMIME extension, and it keeps every
/// encoded line within the 76-character limit, so long body lines cannot break SMTP's 1000-octet
/// line limit.
enum QuotedPrintable {
    /// The longest encoded line allowed by RFC 2045, not counting the CRLF.
    static let maximumLineLength = 76

    /// Encodes `text` as quoted-printable with CRLF hard line breaks.
    ///
    /// Line breaks in `text` (CRLF, LF or a lone CR) become CRLF. Printable ASCII except `=` is
    /// kept as is; `=`, control characters and every byte of non-ASCII characters become `=XX`;
    /// a space or tab at the end of a line is encoded so transports that strip trailing
    /// whitespace cannot change the text. Lines longer than 76 characters get soft breaks (`=`
    /// then CRLF), never inside an `=XX` escape.
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let lines = splitLines(Array(text.utf8))
        for (index, line) in lines.enumerated() {
            if index > 0 { output.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]) }
            encodeLine(line, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits on CRLF, LF or lone CR, keeping empty lines (and a trailing empty line when the
    /// text ends with a line break).
    private static func splitLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(bytes[start..<index])
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                start = index + 1
            }
            index += 1
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var lineLength = 0
        var position = line.startIndex
        while position < line.endIndex {
            let byte = line[position]
            let isLast = position == line.index(before: line.endIndex)
            let token = encodeByte(byte, atEndOfLine: isLast)
            // A soft break costs one character ("="), so a line that continues may hold at most
            // 75 characters of content; the final piece of a line may use all 76.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if lineLength + token.count > limit {
                output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\r"), UInt8(ascii: "\n")])
                lineLength = 0
            }
            output.append(contentsOf: token)
            lineLength += token.count
            position = line.index(after: position)
        }
    }

    private static func encodeByte(_ byte: UInt8, atEndOfLine: Bool) -> [UInt8] {
        let isWhitespace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        if isWhitespace && !atEndOfLine { return [byte] }
        if byte >= 33, byte <= 126, byte != UInt8(ascii: "=") { return [byte] }
        return [UInt8(ascii: "="), hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }
}
