/// The text header of an age file: version line, recipient stanzas, and the MAC line.
///
/// ```
/// age-encryption.org/v1
/// -> X25519 <share>
/// <body>
/// --- <base64 HMAC-SHA256 of everything up to and including "---">
/// ```
struct Header: Sendable {
    static let versionLine = Array("age-encryption.org/v1".utf8)
    static let macLinePrefix = Array("---".utf8)
    static let macByteCount = 32

    var stanzas: [Stanza]
    /// The bytes the MAC covers: the header up to and including `---`, exactly as read.
    var authenticatedBytes: [UInt8]
    var mac: [UInt8]

    /// Serializes a header for `stanzas`, MACed under `fileKey`.
    static func encode(stanzas: [Stanza], fileKey: FileKey) -> [UInt8] {
        var output = versionLine + [UInt8(ascii: "\n")]
        for stanza in stanzas {
            output.append(contentsOf: stanza.encoded)
        }
        output.append(contentsOf: macLinePrefix)
        let mac = fileKey.headerMAC(for: output)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: Base64.encode(mac).utf8)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// Finds where the header ends in `bytes` read so far: the index just past the line
    /// feed of the first line that starts with `---`, or `nil` if that line is not complete.
    ///
    /// `scanFrom` is a line start at which to resume; it is advanced past complete lines so
    /// that feeding a header in small pieces costs linear time.
    static func end(in bytes: [UInt8], scanFrom: inout Int) -> Int? {
        while let lineFeed = bytes[scanFrom...].firstIndex(of: UInt8(ascii: "\n")) {
            if bytes[scanFrom..<lineFeed].starts(with: macLinePrefix) {
                return lineFeed + 1
            }
            scanFrom = lineFeed + 1
        }
        return nil
    }
}
