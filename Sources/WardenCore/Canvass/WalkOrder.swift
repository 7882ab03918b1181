/// Walking order for a canvass: street by street, and in each street up the odd side and
/// back down the even side, so a canvasser never crosses the road more than once.
///
/// Pure, so the order a list is cut in is the order any test or page can recompute.
public enum WalkOrder {
    /// The house number and street of an address: the first line, or comma-separated part
    /// of a line, that starts with a number ("Flat 2, 12a Alder Road" → 12, "Alder Road").
    public static func numbered(_ address: Address) -> (number: Int, street: String)? {
        for part in address.lines.flatMap({ $0.split(separator: ",") }) {
            let part = part.drop { $0 == " " }
            let digits = part.prefix { $0.isNumber }
            guard let number = Int(digits) else { continue }
            var rest = part.dropFirst(digits.count)
            if let suffix = rest.first, suffix.isLetter, rest.dropFirst().first == " " { rest = rest.dropFirst() }
            let street = Normalize.spaces(rest)
            if !street.isEmpty { return (number, street) }
        }
        return nil
    }

    /// The street of an address, or its first line when no line is numbered.
    public static func street(of address: Address) -> String {
        numbered(address)?.street ?? address.lines.first ?? address.postcode
    }

    /// `households` in walking order: streets alphabetically; within a street, odd numbers
    /// ascending, then even numbers descending, then unnumbered houses by name.
    public static func sorted(_ households: [Household]) -> [Household] {
        households.map { ($0, key($0.address)) }.sorted { a, b in
            a.1 != b.1 ? a.1 < b.1 : a.0.id.rawValue < b.0.id.rawValue
        }.map(\.0)
    }

    /// Where an address comes in walking order: its street, then its side and number, then
    /// its whole line.
    public static func key(_ address: Address) -> Key {
        let numbered = numbered(address)
        return Key(street: numbered?.street ?? street(of: address), side: sideKey(numbered?.number), line: address.singleLine)
    }

    /// An address's place in walking order (``key(_:)``).
    public struct Key: Comparable, Sendable {
        var street: String
        var side: [Int]
        var line: String

        public static func < (a: Key, b: Key) -> Bool {
            if a.street != b.street { return a.street < b.street }
            if a.side != b.side { return a.side.lexicographicallyPrecedes(b.side) }
            return a.line < b.line
        }
    }

    /// Odd side up (0, n), even side down (1, −n), unnumbered last (2, 0).
    private static func sideKey(_ number: Int?) -> [Int] {
        guard let number else { return [2, 0] }
        return number % 2 == 1 ? [0, number] : [1, -number]
    }

    /// Cuts households (already in walking order) into lists of about `doors` each, never
    /// leaving a last list of fewer than a quarter of `doors` (it joins the one before).
    public static func cut(_ households: [Household], doors: Int) -> [[Household]] {
        guard doors > 0, !households.isEmpty else { return [] }
        var lists = stride(from: 0, to: households.count, by: doors).map { Array(households[$0..<min($0 + doors, households.count)]) }
        if lists.count > 1, let last = lists.last, last.count * 4 < doors {
            lists.removeLast()
            lists[lists.count - 1] += last
        }
        return lists
    }
}
