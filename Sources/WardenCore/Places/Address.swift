/// A postal address as a register or membership file gives it: up to nine lines and a postcode.
public struct Address: Sendable, Hashable, Codable {
    public var lines: [String]
    public var postcode: String

    /// Drops empty lines, tidies spaces and canonicalises the postcode.
    public init(lines: [String], postcode: String) {
        self.lines = lines.map(Normalize.spaces).filter { !$0.isEmpty }
        self.postcode = Normalize.postcode(postcode)
    }

    /// Overseas electors and some anonymous entries have no address.
    public var isEmpty: Bool { lines.isEmpty && postcode.isEmpty }

    /// The key that groups people into one ``Household``: the same letters and digits in the
    /// same order, whatever the punctuation, case or line breaks.
    public var householdKey: String {
        (lines.map(Normalize.letters) + [Normalize.letters(postcode)]).filter { !$0.isEmpty }.joined(separator: "|")
    }

    /// The house number of the first line that starts with one, for walking order.
    public var houseNumber: Int? {
        for line in lines {
            let digits = line.prefix { $0.isNumber }
            if let number = Int(digits) { return number }
        }
        return nil
    }

    /// One line for display: `"12 Alder Road, Fellwick, AB1 2CD"`.
    public var singleLine: String {
        (lines + (postcode.isEmpty ? [] : [postcode])).joined(separator: ", ")
    }
}
