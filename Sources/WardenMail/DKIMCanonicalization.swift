/// The "relaxed" canonicalisation of RFC 6376 §3.4.2 and §3.4.4, on bytes.
///
/// Relaxed rather than simple because relays rewrite whitespace and refold headers; a signature
/// that breaks on that would make campaign mail fail DMARC. Works on UTF-8 bytes, not
/// `Character`s, since it runs for every message of a bulk send.
enum DKIMCanonicalization {
    /// One header field of a message: its name in lower case and its raw bytes (name, colon,
    /// value and any continuation lines, without the final CRLF).
    struct HeaderField {
        var lowercasedName: String
        var raw: ArraySlice<UInt8>
    }

    /// Splits `message` (CRLF line endings) into its header fields and its body, or `nil` when
    /// there is no blank line ending the header section.
    static func split(_ message: [UInt8]) -> (headers: [HeaderField], body: ArraySlice<UInt8>)? {
        var headers: [HeaderField] = []
        var lineStart = 0
        var fieldStart: Int?
        var index = 0
        let count = message.count
        while index + 1 < count {
            guard message[index] == cr, message[index + 1] == lf else {
                index += 1
                continue
            }
            let lineEnd = index
            let next = index + 2
            if lineEnd == lineStart {
                // The empty line: the body follows.
                if let start = fieldStart { headers.append(field(message[start..<lineStart - 2])) }
                return (headers, message[next...])
            }
            if message[lineStart] != space, message[lineStart] != tab {
                if let start = fieldStart { headers.append(field(message[start..<lineStart - 2])) }
                fieldStart = lineStart
            }
            lineStart = next
            index = next
        }
        return nil
    }

    private static func field(_ raw: ArraySlice<UInt8>) -> HeaderField {
        let colon = raw.firstIndex(of: colonByte) ?? raw.endIndex
        var name = raw[raw.startIndex..<colon]
        while let last = name.last, last == space || last == tab { name = name.dropLast() }
        return HeaderField(lowercasedName: String(decoding: name, as: UTF8.self).lowercased(), raw: raw)
    }

    /// The relaxed form of one header field, `name:value` followed by CRLF: the name lower-cased,
    /// the value unfolded, runs of whitespace turned into one space and whitespace around the
    /// colon and at the end removed.
    static func relaxedHeader(_ field: HeaderField, into output: inout [UInt8]) {
        output.append(contentsOf: field.lowercasedName.utf8)
        output.append(colonByte)
        let raw = field.raw
        var index = (raw.firstIndex(of: colonByte) ?? raw.endIndex)
        if index < raw.endIndex { index += 1 }
        var pendingSpace = false
        var wroteValue = false
        while index < raw.endIndex {
            let byte = raw[index]
            index += 1
            if byte == cr || byte == lf { continue }
            if byte == space || byte == tab {
                pendingSpace = true
                continue
            }
            if pendingSpace && wroteValue { output.append(space) }
            pendingSpace = false
            wroteValue = true
            output.append(byte)
        }
        output.append(cr)
        output.append(lf)
    }

    /// The relaxed form of a body: whitespace runs within a line turned into one space,
    /// whitespace at line ends removed, empty lines at the end removed, and a final CRLF when
    /// anything is left.
    static func relaxedBody(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var pendingEmptyLines = 0
        var line: [UInt8] = []
        var index = body.startIndex
        func finishLine() {
            // Trailing whitespace was never written; an empty line is held back in case only
            // empty lines follow it.
            if line.isEmpty {
                pendingEmptyLines += 1
                return
            }
            for _ in 0..<pendingEmptyLines { output.append(cr); output.append(lf) }
            pendingEmptyLines = 0
            output.append(contentsOf: line)
            output.append(cr)
            output.append(lf)
            line.removeAll(keepingCapacity: true)
        }
        var pendingSpace = false
        while index < body.endIndex {
            let byte = body[index]
            if byte == cr, index + 1 < body.endIndex, body[index + 1] == lf {
                pendingSpace = false
                finishLine()
                index += 2
                continue
            }
            index += 1
            if byte == space || byte == tab {
                pendingSpace = true
                continue
            }
            if pendingSpace { line.append(space) }
            pendingSpace = false
            line.append(byte)
        }
        if !line.isEmpty { finishLine() }
        return output
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let colonByte = UInt8(ascii: ":")
}
