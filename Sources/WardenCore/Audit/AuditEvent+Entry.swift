/// The canonical bytes of an audit entry: what the log's Merkle tree hashes as a leaf.
///
/// A line per field, `name value`, in a fixed order, UTF-8, each ending in a line feed;
/// backslashes, line feeds and carriage returns inside values are escaped as `\\`, `\n` and
/// `\r` (``CanonicalLines``). The encoding is
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
    /// bytes, field by field in their fixed order, making strings only for the values that
    /// are text: `warden verify` decodes every entry.
    public init?(entry bytes: [UInt8]) {
        var lines = CanonicalLinesReader(bytes)
        guard lines.header(Self.entryFormat),
              let at = lines.raw("at").flatMap(Timestamp.init(writtenForm:)),
              let actor = lines.text("actor"),
              let account = lines.raw("account"),
              let action = lines.raw("action").flatMap({ AuditAction(rawValue: String(decoding: $0, as: UTF8.self)) }),
              let purpose = lines.raw("purpose"),
              let outcome = lines.raw("outcome").flatMap({ Outcome(rawValue: String(decoding: $0, as: UTF8.self)) }),
              let detail = lines.text("detail"),
              let classes = lines.raw("classes"),
              let people = lines.raw("people"),
              let versions = lines.raw("versions"),
              lines.atEnd
        else { return nil }
        let dash: ArraySlice<UInt8> = [0x2D]
        var binding: VersionBinding?
        if versions != dash {
            let parts = versions.split(separator: 0x20)
            let range = parts.first?.split(separator: 0x2D) ?? []
            guard parts.count == 2, range.count == 2,
                  let first = CanonicalLinesReader.integer(range[0]), let last = CanonicalLinesReader.integer(range[1]),
                  let digest = Hex.decode(String(decoding: parts[1], as: UTF8.self))
            else { return nil }
            binding = VersionBinding(first: first, last: last, digest: digest)
        }
        self.init(
            at: at, actorLabel: actor, accountID: account == dash ? nil : CanonicalLinesReader.integer(account).map(AccountID.init(rawValue:)),
            action: action, purpose: purpose == dash ? nil : Purpose(rawValue: String(decoding: purpose, as: UTF8.self)), outcome: outcome,
            detail: detail,
            dataClasses: Set(classes.split(separator: 0x2C).compactMap { DataClass(rawValue: String(decoding: $0, as: UTF8.self)) }),
            people: people.split(separator: 0x2C).compactMap { CanonicalLinesReader.integer($0).map(PersonID.init(rawValue:)) },
            versions: binding)
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
