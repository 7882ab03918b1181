/// Strict parsing of an age header, as found by ``Header/end(in:scanFrom:)``.
///
/// age accepts exactly one spelling of each header (LF line endings, single spaces,
/// canonical unpadded base64, body lines of 64 columns ending with a shorter one), so that a
/// header cannot be re-encoded into a different byte string that still carries the same
/// stanzas. Anything else is rejected, with the 1-based number of the offending line.
extension Header {
    /// Parses `bytes`, which end with the line feed of the MAC line.
    init(parsing bytes: ArraySlice<UInt8>) throws {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // Drop the empty "line" after the final line feed.
        lines.removeLast()

        guard let version = lines.first, version.elementsEqual(Header.versionLine) else {
            if lines.first?.starts(with: "age-encryption.org/".utf8) == true {
                throw AgeError.unsupportedVersion
            }
            throw AgeError.malformedHeader(line: 1)
        }

        var stanzas: [Stanza] = []
        var index = 1
        while index < lines.count, !lines[index].starts(with: Header.macLinePrefix) {
            stanzas.append(try Self.parseStanza(lines, at: &index))
        }
        guard index == lines.count - 1, !stanzas.isEmpty else { throw AgeError.malformedHeader(line: index + 1) }

        let macLine = lines[index]
        let encodedMAC = macLine.dropFirst(Header.macLinePrefix.count + 1)
        guard macLine.count > Header.macLinePrefix.count,
              macLine[macLine.startIndex + Header.macLinePrefix.count] == UInt8(ascii: " "),
              let mac = Base64.decode(encodedMAC), mac.count == Header.macByteCount
        else { throw AgeError.malformedHeader(line: index + 1) }

        self.stanzas = stanzas
        self.authenticatedBytes = Array(bytes[..<(macLine.startIndex + Header.macLinePrefix.count)])
        self.mac = mac
    }

    /// Parses the stanza starting at `lines[index]` and leaves `index` on the line after it.
    private static func parseStanza(_ lines: [ArraySlice<UInt8>], at index: inout Int) throws -> Stanza {
        let line = lines[index]
        guard line.starts(with: "-> ".utf8) else { throw AgeError.malformedHeader(line: index + 1) }
        let arguments = line.dropFirst(3).split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        // Arguments are non-empty runs of visible ASCII (VCHAR), separated by single spaces.
        guard arguments.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (0x21...0x7E).contains($0) } }) else {
            throw AgeError.malformedHeader(line: index + 1)
        }
        index += 1

        var encodedBody: [UInt8] = []
        while true {
            guard index < lines.count else { throw AgeError.malformedHeader(line: index + 1) }
            let bodyLine = lines[index]
            guard bodyLine.count <= Stanza.bodyLineLength, bodyLine.allSatisfy(Base64.isAlphabetCharacter) else {
                throw AgeError.malformedHeader(line: index + 1)
            }
            encodedBody.append(contentsOf: bodyLine)
            index += 1
            if bodyLine.count < Stanza.bodyLineLength { break }
        }
        guard let body = Base64.decode(encodedBody) else { throw AgeError.malformedHeader(line: index) }

        let strings = arguments.map { String(decoding: $0, as: UTF8.self) }
        return Stanza(type: strings[0], arguments: Array(strings.dropFirst()), body: body)
    }
}
