import Foundation

/// Independent decoders used by the tests to check what the module encodes: a quoted-printable
/// decoder, an RFC 2047 encoded-word decoder and a header splitter.
enum MailDecoding {
    struct DecodingError: Error, CustomStringConvertible {
        var description: String
    }

    /// Decodes quoted-printable text (soft breaks removed, `=XX` decoded) into bytes.
    static func quotedPrintableBytes(_ text: String) throws -> [UInt8] {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\r"), bytes[index + 2] == UInt8(ascii: "\n") {
                    index += 3
                    continue
                }
                guard index + 2 < bytes.count,
                    let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { throw DecodingError(description: "bad escape at \(index)") }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// Decodes quoted-printable text holding UTF-8.
    static func quotedPrintable(_ text: String) throws -> String {
        let bytes = try quotedPrintableBytes(text)
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw DecodingError(description: "decoded body is not UTF-8")
        }
        return string
    }

    /// Decodes a header value made of RFC 2047 `=?UTF-8?B?…?=` words (or plain text).
    static func encodedWords(_ value: String) throws -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n", with: "")
        guard unfolded.hasPrefix("=?") else { return unfolded }
        var bytes: [UInt8] = []
        for word in unfolded.split(separator: " ") {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else {
                throw DecodingError(description: "not a UTF-8 B encoded-word: \(word)")
            }
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            guard let data = Data(base64Encoded: String(payload)) else {
                throw DecodingError(description: "bad base64 in \(word)")
            }
            // RFC 2047 §5: each word must hold whole characters.
            guard String(validating: Array(data), as: UTF8.self) != nil else {
                throw DecodingError(description: "encoded-word splits a character: \(word)")
            }
            bytes += Array(data)
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw DecodingError(description: "not UTF-8")
        }
        return string
    }

    /// Splits a message into unfolded headers (name → value, first occurrence) and the body.
    static func split(_ message: String) throws -> (headers: [String: String], headerOrder: [String], body: String) {
        guard let separator = message.range(of: "\r\n\r\n") else {
            throw DecodingError(description: "no blank line between headers and body")
        }
        let headerText = String(message[..<separator.lowerBound])
        let body = String(message[separator.upperBound...])
        var headers: [String: String] = [:]
        var order: [String] = []
        var lastName: String?
        for line in headerText.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                guard let name = lastName, let value = headers[name] else {
                    throw DecodingError(description: "continuation line without header")
                }
                headers[name] = value + "\r\n" + line
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw DecodingError(description: "header line without colon")
            }
            let name = String(line[..<colon])
            var value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
            if headers[name] == nil {
                headers[name] = String(value)
                order.append(name)
            }
            lastName = name
        }
        return (headers, order, body)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
