/// A person's membership of the party.
public struct Member: Sendable, Hashable, Codable {
    public var personID: PersonID
    /// The number the party's membership system issued; stable across imports.
    public var membershipNumber: String
    public var status: MembershipStatus
    public var joinedOn: CalendarDate?
    /// When the current status began (lapsed on, resigned on …).
    public var statusSince: CalendarDate?
    /// The branch (ward party unit) the member belongs to, as a ward area.
    public var branchWardID: AreaID?
    public var dues: Dues?
    /// The last day the member's collected payments cover (``DuesRules/paidUntil(after:current:frequency:)``);
    /// `nil` until Warden has seen a payment.
    public var paidUntil: CalendarDate?
    /// Their payments and status moves, newest first: read with the whole record only.
    public var payments: [PaymentEntry]?
    public var history: [MembershipHistoryEntry]?

    public init(
        personID: PersonID, membershipNumber: String, status: MembershipStatus, joinedOn: CalendarDate?,
        statusSince: CalendarDate?, branchWardID: AreaID?, dues: Dues?, paidUntil: CalendarDate? = nil
    ) {
        self.personID = personID
        self.membershipNumber = membershipNumber
        self.status = status
        self.joinedOn = joinedOn
        self.statusSince = statusSince
        self.branchWardID = branchWardID
        self.dues = dues
        self.paidUntil = paidUntil
    }
}

/// A member's subscription: financial data, seen only by roles that need it.
public struct Dues: Sendable, Hashable, Codable {
    /// Amount in pence, to keep money out of floating point.
    public var pence: Int
    public var frequency: Frequency

    public enum Frequency: String, Sendable, Codable, CaseIterable {
        case monthly, annual
    }

    public init(pence: Int, frequency: Frequency) {
        self.pence = pence
        self.frequency = frequency
    }

    /// Pence as pounds for people to read: `450` → `"£4.50"`.
    public static func pounds(_ pence: Int) -> String {
        let tail = pence % 100
        return "£\(pence / 100).\(tail < 10 ? "0" : "")\(tail)"
    }

    /// Parses `"£4.50"`, `"4.50"` or `"450p"` into pence.
    public static func parsePence(_ text: some StringProtocol) -> Int? {
        var t = Substring(text).trimmingSpaces
        if t.hasPrefix("£") { t = t.dropFirst() }
        if t.hasSuffix("p") { return Int(t.dropLast()) }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard let pounds = Int(parts[0]), pounds >= 0 else { return nil }
        if parts.count == 1 { return pounds * 100 }
        guard parts.count == 2, parts[1].count == 2, let pence = Int(parts[1]) else { return nil }
        return pounds * 100 + pence
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
