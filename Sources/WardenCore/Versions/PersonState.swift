/// A person's record as one canonical text: the thing each version stores and hashes.
///
/// A line per value, `key=value`, keys in a fixed order (multi-valued keys such as `email`
/// repeat, sorted by value); backslash, line feed and tab inside values are escaped. The
/// store renders the current record in exactly this form, so comparing a record with its
/// last version is a comparison of two strings, and a field edited behind Warden's back
/// shows up as a difference on its line.
public struct PersonState: Sendable, Hashable {
    public var text: String

    public init(text: String) {
        self.text = text
    }

    /// The keys, in the order the store renders them.
    public enum Key: String, Sendable, CaseIterable {
        case title, forenames, surname, dateOfBirth = "date_of_birth", address, elector
        case membershipNumber = "membership_number", membershipStatus = "membership_status"
        case joinedOn = "joined_on", statusSince = "status_since", branch, dues
        case email, phone, postal
        /// One line per canvass contact: its identity, outcome and the tag of its sealed answers.
        case canvass

        /// The contact point kind kept under this key, for the keys that hold contact details.
        public var contactKind: ContactPoint.Kind? {
            switch self {
            case .email: .email
            case .phone: .phone
            case .postal: .postal
            default: nil
            }
        }

        /// The keys a change notice is sent for, and that rollback can restore.
        public static let contactDetails: Set<Key> = [.email, .phone, .postal]
    }

    /// The values under each key, unescaped, in rendering order.
    public var values: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals]), default: []].append(AuditEvent.unescape(line[line.index(after: equals)...]))
        }
        return result
    }

    /// The keys whose values differ between `old` (nil for a new record) and `new`, in key order.
    public static func changedKeys(from old: PersonState?, to new: PersonState) -> [String] {
        let before = old?.values ?? [:]
        let after = new.values
        let keys = Set(before.keys).union(after.keys)
        let ordered = Key.allCases.map(\.rawValue).filter(keys.contains) + keys.subtracting(Key.allCases.map(\.rawValue)).sorted()
        return ordered.filter { before[$0] != after[$0] }
    }

    /// The contact points held under a contact-detail key.
    public func contactPoints(_ key: Key) -> [ContactPoint] {
        guard let kind = key.contactKind else { return [] }
        return (values[key.rawValue] ?? []).map { value in
            let parts = value.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let consent = parts.count > 1 ? parts[1].split(separator: ",").compactMap { ContactPoint.Channel(rawValue: String($0)) } : []
            return ContactPoint(kind: kind, value: String(parts[0]), source: .restored, consent: Set(consent))
        }
    }
}
