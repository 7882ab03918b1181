/// A search for people: words of a name, a postcode, an elector or membership number,
/// optionally within an area.
public struct PeopleQuery: Sendable, Hashable {
    public var text: String
    public var areaID: AreaID?
    public var limit: Int

    /// The most one search returns: searches are for finding someone, not for listing everyone.
    public static let maximumLimit = 100

    public init(text: String, areaID: AreaID? = nil, limit: Int = 50) {
        self.text = text
        self.areaID = areaID
        self.limit = min(max(limit, 1), Self.maximumLimit)
    }

    /// What the text looks like, so the store can use the right index.
    public var interpretation: Interpretation {
        let trimmed = Normalize.spaces(text)
        let compact = Normalize.letters(trimmed)
        if compact.isEmpty { return .nothing }
        if Self.looksLikePostcode(compact) { return .postcode(Normalize.postcode(compact)) }
        if let dash = trimmed.firstIndex(of: "-"), let number = Int(trimmed[trimmed.index(after: dash)...]) {
            return .electorNumber(prefix: Normalize.letters(trimmed[..<dash]), number: number)
        }
        if trimmed.allSatisfy({ $0.isNumber || $0.isLetter }) && trimmed.contains(where: \.isNumber) {
            return .membershipNumber(trimmed)
        }
        let words = trimmed.split(separator: " ").map { Normalize.letters($0) }.filter { !$0.isEmpty }
        return .name(words)
    }

    public enum Interpretation: Sendable, Hashable {
        case nothing
        case postcode(String)
        case electorNumber(prefix: String, number: Int)
        case membershipNumber(String)
        /// Upper-cased words; the last is matched as a surname prefix, the others as forenames.
        case name([String])
    }

    /// Outward code (2–4 characters starting with a letter) + inward code (digit, two letters).
    static func looksLikePostcode(_ compact: String) -> Bool {
        let chars = Array(compact)
        guard (5...7).contains(chars.count), let first = chars.first, first.isLetter else { return false }
        let inward = chars.suffix(3)
        return inward.first?.isNumber == true && inward.dropFirst().allSatisfy(\.isLetter)
    }
}
