/// The bytes of a canonical text record, `name value` per line: audit entries and person
/// versions are both written this way, and their bytes are what the log hashes.
///
/// Escaping works on UTF-8 bytes, not characters: Swift reads `"\r\n"` as one character, so a
/// character-level escape would let a CR LF pair through unescaped and break the line format.
/// Every write and every read appends an entry, so this appends bytes rather than building
/// strings.
struct CanonicalLines {
    private(set) var bytes: [UInt8] = []

    init(header: String) {
        bytes.reserveCapacity(256)
        bytes += header.utf8
        bytes.append(0x0A)
    }

    /// Appends `name value` with the value escaped.
    mutating func line(_ name: String, _ value: String) {
        bytes += name.utf8
        bytes.append(0x20)
        Self.appendEscaped(value.utf8, to: &bytes)
        bytes.append(0x0A)
    }

    /// Appends bytes as they are (a length-prefixed body, for instance).
    mutating func append(_ raw: String) {
        bytes += raw.utf8
    }

    /// Backslash, line feed and carriage return become `\\`, `\n` and `\r`.
    static func appendEscaped(_ value: String.UTF8View, to bytes: inout [UInt8]) {
        for byte in value {
            switch byte {
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            default: bytes.append(byte)
            }
        }
    }

    /// Undoes the escapes (and `\t`, which person states also use), byte by byte.
    static func unescape(_ raw: some Collection<UInt8>) -> String {
        guard raw.contains(0x5C) else { return String(decoding: raw, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var escaping = false
        for byte in raw {
            if escaping {
                switch byte {
                case 0x6E: result.append(0x0A)
                case 0x72: result.append(0x0D)
                case 0x74: result.append(0x09)
                default: result.append(byte)
                }
                escaping = false
            } else if byte == 0x5C {
                escaping = true
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Reads canonical lines back, field by field in their fixed order, without copying: `warden
/// verify` decodes every entry in the log.
struct CanonicalLinesReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Every byte has been read.
    var atEnd: Bool { position == bytes.count }

    /// Reads the header line; false unless it is exactly `header`.
    mutating func header(_ header: String) -> Bool {
        guard let line = nextLine() else { return false }
        return line.elementsEqual(header.utf8)
    }

    /// The escaped value of the next line, which must be named `name`.
    mutating func raw(_ name: String) -> ArraySlice<UInt8>? {
        guard let line = nextLine(), let space = line.firstIndex(of: 0x20),
              line[line.startIndex..<space].elementsEqual(name.utf8)
        else { return nil }
        return line[(space + 1)...]
    }

    /// The unescaped value of the next line, which must be named `name`.
    mutating func text(_ name: String) -> String? {
        raw(name).map(CanonicalLines.unescape)
    }

    private mutating func nextLine() -> ArraySlice<UInt8>? {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else { return nil }
        defer { position = end + 1 }
        return bytes[position..<end]
    }

    /// A decimal integer (optionally negative) spelled by the whole slice.
    static func integer(_ digits: ArraySlice<UInt8>) -> Int64? {
        var rest = digits
        let negative = rest.first == 0x2D
        if negative { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in rest {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return negative ? -value : value
    }
}
