/// Why an address is on the party's suppression list, and what it stops.
///
/// One list for the whole party, keyed by a keyed hash of the address (never the address
/// alone), checked at send time for every email, and never emptied by an import: a party was
/// fined because unsubscribes were lost when it changed email provider.
public enum SuppressionReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// One-click unsubscribe (RFC 8058) or the unsubscribe page: no more campaigning email.
    case unsubscribed
    /// The right to object to direct marketing (UK GDPR Art. 21(3)): absolute.
    case objected
    /// The recipient marked an email as spam (an ARF report): no more email of any kind.
    case complained
    /// The address does not exist (a DSN with a 5.x.x status): not emailable at all.
    case bounced
    /// Soft bounces (4.x.x, delayed): after ``SuppressionEntry/softBouncesToDefer`` the address is
    /// deferred for ``SuppressionEntry/deferralDays`` days.
    case deferred

    /// Whether an entry for this reason stops a message of `mailClass`.
    public func blocks(_ mailClass: MailClass) -> Bool {
        switch self {
        case .unsubscribed, .objected: mailClass == .campaigning
        case .complained, .bounced, .deferred: true
        }
    }

    /// The stronger of two reasons: an entry never weakens (a later soft bounce does not undo an objection).
    public func strongest(_ other: SuppressionReason) -> SuppressionReason {
        Self.strength(self) >= Self.strength(other) ? self : other
    }

    private static func strength(_ reason: SuppressionReason) -> Int {
        switch reason {
        case .deferred: 0
        case .unsubscribed: 1
        case .objected: 2
        case .bounced: 3
        case .complained: 4
        }
    }

    public var words: String {
        switch self {
        case .unsubscribed: "unsubscribed from campaigning email"
        case .objected: "objected to direct marketing"
        case .complained: "reported an email as spam"
        case .bounced: "the address does not exist (hard bounce)"
        case .deferred: "repeated temporary delivery failures"
        }
    }
}

/// One entry of the suppression list, as staff see it: no address.
public struct SuppressionEntry: Sendable, Hashable, Codable {
    /// Soft bounces that defer an address.
    public static let softBouncesToDefer = 3
    /// How long a deferred address rests before it is tried again.
    public static let deferralDays = 7

    public var reason: SuppressionReason
    public var since: Timestamp
    /// Where the entry came from: `one-click`, `bounce`, `import: FILE`, `staff: NAME`, …
    public var source: String
    /// Soft bounces counted towards the next deferral (the third defers the address, and the count starts again).
    public var softBounces: Int
    /// Until when a deferred address rests; `nil` otherwise.
    public var deferredUntil: Timestamp?

    public init(reason: SuppressionReason, since: Timestamp, source: String, softBounces: Int = 0, deferredUntil: Timestamp? = nil) {
        self.reason = reason
        self.since = since
        self.source = source
        self.softBounces = softBounces
        self.deferredUntil = deferredUntil
    }

    /// Whether this entry stops a message of `mailClass` at `instant`.
    /// A deferral rests the address whatever else the entry says; a deferred entry alone
    /// stops nothing until its third soft bounce sets when it ends.
    public func blocks(_ mailClass: MailClass, at instant: Timestamp) -> Bool {
        if let deferredUntil, instant < deferredUntil { return true }
        return reason != .deferred && reason.blocks(mailClass)
    }
}

/// One entry of the suppression list with its hash, as an export carries it.
public struct SuppressedHash: Sendable, Hashable {
    public var hash: [UInt8]
    public var entry: SuppressionEntry
    public init(hash: [UInt8], entry: SuppressionEntry) {
        self.hash = hash
        self.entry = entry
    }
}

/// What a one-click unsubscribe did.
public struct UnsubscribeOutcome: Sendable, Hashable {
    public var mailing: MailingID
    /// False when the address was already unsubscribed (or suppressed more strongly).
    public var newlySuppressed: Bool
    public init(mailing: MailingID, newlySuppressed: Bool) {
        self.mailing = mailing
        self.newlySuppressed = newlySuppressed
    }
}
