/// The canonical bytes of an audit entry: what the log's Merkle tree hashes as a leaf.
///
/// A line per field, `name value`, in a fixed order, UTF-8, each ending in a line feed;
/// backslashes and line feeds inside values are escaped as `\\` and `\n`. The encoding is
/// documented in `docs/log-format.md` so that anyone holding a copy of the entries can
/// recompute the tree without Warden.
extension AuditEvent {
    public static let entryFormat = "warden-audit/1"

    public var entry: [UInt8] {
        var lines = CanonicalLines(header: Self.entryFormat)
        lines.line("at", at.description)
        lines.line("actor", actor)
        lines.line("account", accountID.map { String($0.rawValue) } ?? "-")
        lines.line("action", action.rawValue)
        lines.line("purpose", purpose?.rawValue ?? "-")
        lines.line("outcome", outcome.rawValue)
        lines.line("detail", detail)
        lines.line("classes", dataClasses.map(\.rawValue).sorted().joined(separator: ","))
        lines.line("people", people.map { String($0.rawValue) }.joined(separator: ","))
        lines.line("versions", versions.map { "\($0.first)-\($0.last) " + Hex.encode($0.digest) } ?? "-")
        return lines.bytes
    }

    /// Decodes ``entry`` bytes; `nil` when they are not a well-formed entry. Works on the
    /// bytes, field by field in their fixed order: `warden verify` decodes every entry.
    public init?(entry bytes: [UInt8]) {
        let names = ["at", "actor", "account", "action", "purpose", "outcome", "detail", "classes", "people", "versions"]
        var values: [String] = []
        values.reserveCapacity(names.count)
        var position = 0
        func nextLine() -> ArraySlice<UInt8>? {
            guard let end = bytes[position...].firstIndex(of: 0x0A) else { return nil }
            defer { position = end + 1 }
            return bytes[position..<end]
        }
        guard let header = nextLine(), header.elementsEqual(Self.entryFormat.utf8) else { return nil }
        for name in names {
            guard let line = nextLine(), let space = line.firstIndex(of: 0x20),
                  line[line.startIndex..<space].elementsEqual(name.utf8)
            else { return nil }
            let raw = line[(space + 1)...]
            values.append(CanonicalLines.unescape(raw))
        }
        guard position == bytes.count, let at = Timestamp(iso8601: values[0]), let action = AuditAction(rawValue: values[3]),
              let outcome = Outcome(rawValue: values[5])
        else { return nil }
        var versions: VersionBinding?
        if values[9] != "-" {
            let parts = values[9].split(separator: " ")
            let range = parts.first?.split(separator: "-") ?? []
            guard parts.count == 2, range.count == 2, let first = Int64(range[0]), let last = Int64(range[1]),
                  let digest = Hex.decode(String(parts[1]))
            else { return nil }
            versions = VersionBinding(first: first, last: last, digest: digest)
        }
        self.init(
            at: at, actorLabel: values[1], accountID: values[2] == "-" ? nil : Int64(values[2]).map(AccountID.init(rawValue:)),
            action: action, purpose: values[4] == "-" ? nil : Purpose(rawValue: values[4]), outcome: outcome,
            detail: values[6], dataClasses: Set(values[7].split(separator: ",").compactMap { DataClass(rawValue: String($0)) }),
            people: values[8].split(separator: ",").compactMap { Int64($0).map(PersonID.init(rawValue:)) },
            versions: versions)
    }
}

/// Lower-case hexadecimal, for hashes in text formats.
public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
