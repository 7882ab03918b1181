#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Undoes a part's `Content-Transfer-Encoding` (RFC 2045 §6): base64 and quoted-printable; any
/// other encoding (7bit, 8bit, binary) is the text itself.
enum TransferDecoding {
    /// The decoded text of `body` (lines joined by LF), its line breaks made LF again; `nil` when
    /// base64 does not decode.
    static func decode(_ body: String, encoding: String?) -> String? {
        switch encoding?.lowercased() {
        case "base64":
            let compact = String(body.unicodeScalars.filter { !$0.properties.isWhitespace })
            guard let data = Data(base64Encoded: compact) else { return nil }
            return LineBreaks.normalized(String(decoding: data, as: UTF8.self))
        case "quoted-printable":
            return LineBreaks.normalized(String(decoding: quotedPrintable(body), as: UTF8.self))
        default:
            return body
        }
    }

    /// Decodes quoted-printable leniently, as RFC 2045 §6.7 advises for reading: `=XX` becomes
    /// the byte, `=` at the end of a line joins it to the next, trailing whitespace on a line is
    /// dropped, and a malformed `=` is kept as it is.
    static func quotedPrintable(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
            var softBreak = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") {
                    if index == bytes.count - 1 {
                        softBreak = true
                        break
                    }
                    if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                        output.append(high << 4 | low)
                        index += 3
                        continue
                    }
                }
                output.append(byte)
                index += 1
            }
            if !softBreak, number < lines.count - 1 { output.append(UInt8(ascii: "\n")) }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// Inbound mail arrives with CRLF, LF or (rarely) bare CR line breaks.
enum LineBreaks {
    /// `text` with every CRLF and bare CR made LF.
    static func normalized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if !(scalar == "\n" && previousWasCR) { scalars.append(scalar) }
            previousWasCR = false
        }
        return String(scalars)
    }

    /// The lines of LF-normalized `text`.
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }
}
