/// Text normalisation shared by every matcher, so that two files spelling the same
/// person or address differently still meet.
public enum Normalize {
    /// Upper-cased ASCII letters and digits only: `"O'Brien-Smith "` → `"OBRIENSMITH"`.
    @inlinable
    public static func letters(_ text: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x30...0x39: out.append(byte)
            case 0x61...0x7A: out.append(byte - 32)
            default: continue
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A UK postcode in its canonical spacing: `"ab1 2cd"`, `"AB12CD"` → `"AB1 2CD"`.
    @inlinable
    public static func postcode(_ text: some StringProtocol) -> String {
        let compact = letters(text)
        guard compact.count > 3 else { return compact }
        return String(compact.dropLast(3)) + " " + String(compact.suffix(3))
    }

    /// Trims spaces and collapses runs of whitespace to one space.
    ///
    /// Most fields are already tidy, so those are returned without splitting.
    @inlinable
    public static func spaces(_ text: some StringProtocol) -> String {
        var previousWasSpace = true
        var tidy = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || byte == 0x09
            if byte == 0x09 || (isSpace && previousWasSpace) {
                tidy = false
                break
            }
            previousWasSpace = isSpace
        }
        if tidy && !previousWasSpace || text.isEmpty { return String(text) }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
