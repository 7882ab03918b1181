import Foundation
import NIOCore
import WardenCore

/// A `multipart/form-data` body (RFC 7578), as a browser sends a form with a file in it: each
/// part's name, its file name when it is a file, and its bytes.
///
/// Only what Warden's upload forms need: flat parts, no nested multiparts, no transfer
/// encodings (browsers send none). A body that is not such a form is a 400 naming what is
/// wrong, never its contents.
struct MultipartForm {
    struct Part {
        var name: String
        var fileName: String?
        var data: [UInt8]
    }

    var parts: [Part]

    /// The most parts a form may have: Warden's have a handful.
    static let maximumParts = 16

    init(contentType: String?, body: ByteBuffer) throws(WardenError) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= 70
        else { throw .invalidRequest("the form must be sent as multipart/form-data, as a browser sends a file") }
        let bytes = Array(body.readableBytesView)
        let delimiter = Array("--\(boundary)".utf8)
        guard var cursor = Self.find(delimiter, in: bytes, from: 0) else { throw .invalidRequest("the form has no parts") }
        var parts: [Part] = []
        while true {
            cursor += delimiter.count
            if bytes[cursor...].starts(with: [0x2D, 0x2D]) { break }  // "--": the last delimiter
            guard bytes[cursor...].starts(with: [0x0D, 0x0A]), parts.count < Self.maximumParts else {
                throw .invalidRequest("the form's parts are malformed")
            }
            cursor += 2
            guard let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: cursor),
                  let next = Self.find([0x0D, 0x0A] + delimiter, in: bytes, from: headerEnd + 4)
            else { throw .invalidRequest("the form ends part way through a part") }
            let headers = String(decoding: bytes[cursor..<headerEnd], as: UTF8.self)
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = Self.parameter("name", in: String(disposition))
            else { throw .invalidRequest("a part of the form has no name") }
            parts.append(Part(name: name, fileName: Self.parameter("filename", in: String(disposition)),
                              data: Array(bytes[(headerEnd + 4)..<next])))
            cursor = next + 2
        }
        self.parts = parts
    }

    /// The text of the field `name`, when the form has it.
    func text(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// The file sent as `name`, when one was chosen (a browser sends an empty part otherwise).
    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.fileName?.isEmpty == false }
    }

    /// The value of `key` among a header's `;`-separated parameters, quoted (and then holding
    /// any character but a quote, `;` included) or not.
    static func parameter(_ key: String, in header: String) -> String? {
        var rest = Substring(header)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "="), rest[..<equals].lowercased() == key else { continue }
            let value = rest[rest.index(after: equals)...]
            if value.first == "\"" {
                let quoted = value.dropFirst()
                guard let close = quoted.firstIndex(of: "\"") else { return nil }
                return String(quoted[..<close])
            }
            return String(value.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Where `needle` first occurs in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
