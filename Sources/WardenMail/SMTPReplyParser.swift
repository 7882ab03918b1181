/// Assembles reply lines into ``SMTPReply`` values (RFC 5321 §4.2).
///
/// A reply is one or more lines `NNN-text` (continuation) ended by a line `NNN text` or just
/// `NNN`; every line of one reply must carry the same code. Parsing is separate from I/O so it
/// can be tested line by line.
struct SMTPReplyParser: Sendable {
    /// The line does not follow the reply syntax.
    struct MalformedReply: Error, Hashable {}

    private var pendingCode: Int?
    private var pendingLines: [String] = []

    init() {}

    /// Feeds one line (without its CRLF).
    /// - Returns: The complete reply when `line` was its last line, otherwise `nil`.
    /// - Throws: ``MalformedReply`` for a line that is not a reply line or whose code differs
    ///   from the earlier lines of the same reply. The parser is reset afterwards.
    mutating func parse(line: String) throws(MalformedReply) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3,
            let code = Self.code(bytes[0], bytes[1], bytes[2])
        else {
            reset()
            throw MalformedReply()
        }
        let isLast: Bool
        if bytes.count == 3 {
            isLast = true
        } else if bytes[3] == UInt8(ascii: " ") {
            isLast = true
        } else if bytes[3] == UInt8(ascii: "-") {
            isLast = false
        } else {
            reset()
            throw MalformedReply()
        }
        if let pendingCode, pendingCode != code {
            reset()
            throw MalformedReply()
        }
        let text = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
        pendingLines.append(text)
        if isLast {
            let reply = SMTPReply(code: code, lines: pendingLines)
            reset()
            return reply
        }
        pendingCode = code
        return nil
    }

    private mutating func reset() {
        pendingCode = nil
        pendingLines = []
    }

    /// A reply code is three digits with the first in 2–5 (RFC 5321 §4.2).
    private static func code(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
        let digits = [a, b, c]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return (200..<600).contains(value) ? value : nil
    }
}
