/// An elector number as printed on the register: polling district prefix, number and
/// optional suffix (`"AB-123/2"`). Unique within one edition of a register, and renumbered
/// every year, so never an identity.
public struct ElectorNumber: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var prefix: String
    public var number: Int
    public var suffix: Int

    public init(prefix: String, number: Int, suffix: Int = 0) {
        self.prefix = prefix
        self.number = number
        self.suffix = suffix
    }

    public var description: String {
        suffix == 0 ? "\(prefix)-\(number)" : "\(prefix)-\(number)/\(suffix)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.prefix, lhs.number, lhs.suffix) < (rhs.prefix, rhs.number, rhs.suffix)
    }
}
