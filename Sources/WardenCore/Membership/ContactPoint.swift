/// An email address, phone number or postal address for a person, where it came from, and
/// how the person agreed to be contacted through it.
///
/// A postal contact point is where the party writes to a member; it can differ from the
/// address the person is registered at, which only the electoral register changes.
public struct ContactPoint: Sendable, Hashable, Codable {
    public var kind: Kind
    public var value: String
    public var source: Source
    /// The channels the person consented to on this contact point.
    public var consent: Set<Channel>

    public enum Kind: String, Sendable, Codable, CaseIterable { case email, phone, postal }

    /// Where Warden learnt the contact point; consent is only as good as its source.
    public enum Source: String, Sendable, Codable, CaseIterable {
        case membershipImport = "membership_import"
        case member, canvass, manual
        /// Put back by a rollback of someone else's changes.
        case restored
    }

    /// The ways a contact point can be used.
    public enum Channel: String, Sendable, Codable, CaseIterable, Comparable {
        case email, sms, call, post
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public init(kind: Kind, value: String, source: Source, consent: Set<Channel>) {
        self.kind = kind
        self.value = value
        self.source = source
        self.consent = consent
    }

    /// The channels a contact point of `kind` can carry: an email, email; a phone, texts and
    /// calls; a postal address, post.
    public static func channels(for kind: Kind) -> Set<Channel> {
        switch kind {
        case .email: [.email]
        case .phone: [.sms, .call]
        case .postal: [.post]
        }
    }

    /// A plausible email: one `@`, something either side, a dot in the domain, no spaces.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(" ") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    /// A UK phone number in its canonical form (`"07700 900123"` → `"07700900123"`,
    /// `"+44 7700 900123"` → `"07700900123"`), or `nil` when it is not one.
    public static func canonicalPhone(_ text: String) -> String? {
        var digits = text.filter(\.isNumber)
        if text.trimmingCharacters(in: " ").hasPrefix("+44") || (digits.hasPrefix("44") && digits.count == 12) {
            digits = "0" + digits.dropFirst(2)
        }
        guard digits.hasPrefix("0"), (10...11).contains(digits.count) else { return nil }
        return digits
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return s
    }
}
