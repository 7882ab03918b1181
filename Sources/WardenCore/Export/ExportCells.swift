/// How an export writes each value with its format choices, and how a trace reads them back
/// from a cell someone may have re-typed: normalised forms for tokens, and the choice seen.
public enum ExportCells {
    /// Street words with a common short form; the full form is the normalised one.
    static let suffixes: [(full: String, short: String)] = [
        ("ROAD", "RD"), ("STREET", "ST"), ("AVENUE", "AVE"), ("LANE", "LN"), ("CLOSE", "CL"), ("DRIVE", "DR"),
        ("CRESCENT", "CRES"), ("GARDENS", "GDNS"), ("GROVE", "GR"), ("TERRACE", "TER"), ("PLACE", "PL"),
        ("COURT", "CT"), ("SQUARE", "SQ"), ("PARK", "PK"),
    ]
    static let fullForm: [String: String] = Dictionary(uniqueKeysWithValues: suffixes.map { ($0.short, $0.full) } + suffixes.map { ($0.full, $0.full) })
    static let shortForm: [String: String] = Dictionary(uniqueKeysWithValues: suffixes.map { ($0.full, $0.short) })

    // MARK: Normal forms, for tokens

    public static func name(forenames: String, surname: String) -> String {
        Normalize.letters(forenames + surname)
    }

    /// Upper-case words, suffixes in full, no punctuation: `12, Alder Rd.` → `12 ALDER ROAD`.
    public static func address(_ line: String) -> String {
        words(line).map { fullForm[$0] ?? $0 }.joined(separator: " ")
    }

    public static func postcode(_ text: String) -> String { Normalize.letters(text) }

    public static func email(_ text: String) -> String { text.trimmingCharacters(in: " ").lowercased() }

    /// Digits with the leading zero a spreadsheet drops put back: `7700900123` → `07700900123`.
    public static func phone(_ text: String) -> String? {
        let digits = String(text.filter(\.isNumber))
        if digits.count == 10, !digits.hasPrefix("0") { return "0" + digits }
        return ContactPoint.canonicalPhone(text)
    }

    public static func identifier(_ text: String) -> String { Normalize.letters(text) }

    /// Upper-case ASCII words of letters and digits; anything else separates them (as
    /// ``Normalize/letters(_:)`` drops it). Byte by byte: a Character's properties cost a table
    /// look-up each, and every row of an export goes through here.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x30...0x39: word.append(byte)
            case 0x61...0x7A: word.append(byte - 32)
            default:
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// A cell holding an address and then its postcode (as a walk sheet prints them), split as
    /// written: `12 Alder Road, Fellwick FW1 2AB` → (`12 Alder Road, Fellwick`, `FW1 2AB`).
    public static func trailingPostcode(_ cell: String) -> (address: String, postcode: String)? {
        let words = cell.split(separator: " ", omittingEmptySubsequences: true)
        for count in [1, 2] where words.count > count {
            let tail = words.suffix(count).joined(separator: " ")
            if PeopleQuery.looksLikePostcode(Normalize.letters(tail)) && (count == 1 || (2...4).contains(words[words.count - 2].count)) {
                return (words.dropLast(count).joined(separator: " "), tail)
            }
        }
        return nil
    }

    // MARK: Writing with a choice

    /// `line` with its last street suffix short or in full, and a comma after a leading house
    /// number or not. Other text is kept as it is.
    public static func address(_ line: String, shortSuffix: Bool, numberComma: Bool) -> String {
        var tokens = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let index = tokens.lastIndex(where: { fullForm[Normalize.letters($0)] != nil }) {
            let word = tokens[index]
            let trailing = word.last.map { $0 == "," ? "," : "" } ?? ""
            let full = fullForm[Normalize.letters(word)]!
            let chosen = shortSuffix ? shortForm[full]! : full
            tokens[index] = titleCase(chosen) + trailing
        }
        if let first = tokens.first {
            let bare = first.hasSuffix(",") ? String(first.dropLast()) : first
            if startsWithNumber(bare), tokens.count > 1 { tokens[0] = bare + (numberComma ? "," : "") }
        }
        return tokens.joined(separator: " ")
    }

    public static func postcode(_ text: String, spaced: Bool) -> String {
        let compact = Normalize.letters(text)
        return spaced ? Normalize.postcode(compact) : compact
    }

    /// `07700 900123` or `07700900123`.
    public static func phone(_ canonical: String, spaced: Bool) -> String {
        guard spaced, canonical.count == 11 else { return canonical }
        return String(canonical.prefix(5)) + " " + String(canonical.dropFirst(5))
    }

    // MARK: Reading a choice back

    /// The choice a cell shows, or `nil` where it cannot show it (no suffix, no house number).
    public static func observed(_ choice: FormatChoice, in cell: String) -> Bool? {
        switch choice {
        case .streetSuffix:
            guard let word = words(cell).last(where: { fullForm[$0] != nil }) else { return nil }
            return shortForm[word] == nil
        case .numberComma:
            let tokens = cell.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = tokens.first, tokens.count > 1 else { return nil }
            let bare = first.hasSuffix(",") ? first.dropLast() : first
            guard startsWithNumber(String(bare)) else { return nil }
            return first.hasSuffix(",")
        case .postcodeSpace:
            guard Normalize.letters(cell).count >= 5 else { return nil }
            return cell.trimmingCharacters(in: " ").contains(" ")
        case .phoneSpace:
            guard phone(cell) != nil else { return nil }
            return cell.trimmingCharacters(in: " ").contains(" ")
        }
    }

    static func startsWithNumber(_ word: String) -> Bool {
        guard let first = word.first, first.isNumber else { return false }
        return word.allSatisfy { $0.isNumber || $0.isLetter }
    }

    static func titleCase(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst().lowercased()
    }
}
