/// A person's record as one canonical text: the thing each version stores and hashes.
///
/// A line per value, `key=value`, keys in a fixed order (multi-valued keys such as `email`
/// repeat, sorted by value); backslash, line feed and tab inside values are escaped. One
/// renderer, ``init(_:)``, makes this text from any engine's values, so comparing a record with its
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

    /// The values under each key, unescaped, in rendering order. Lines are split on bytes: a
    /// value ending in a carriage return must not swallow the line feed after it.
    public var values: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in text.utf8.split(separator: 0x0A) {
            guard let equals = line.firstIndex(of: 0x3D) else { continue }
            result[String(decoding: line[..<equals], as: UTF8.self), default: []]
                .append(CanonicalLines.unescape(line[line.index(after: equals)...]))
        }
        return result
    }

    /// The keys whose values differ between `old` (nil for a new record) and `new`, in key order.
    ///
    /// Runs for every person an import or a write touches, so it compares the escaped values
    /// as they stand in the text (escaping is one-to-one) and never unescapes them.
    public static func changedKeys(from old: PersonState?, to new: PersonState) -> [String] {
        guard let old else { return new.keys }
        let after = rawValues(new.text)
        let before = rawValues(old.text)
        return ordered(Set(before.keys).union(after.keys).filter { before[$0] != after[$0] })
    }

    /// The keys present, in rendering order: the lines are rendered grouped by key, in key
    /// order, so this is one pass without a dictionary.
    var keys: [String] {
        var keys: [String] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let equals = line.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let key = String(decoding: line[..<equals], as: UTF8.self)
            if keys.last != key { keys.append(key) }
        }
        return keys
    }

    /// Values under each key, still escaped.
    private static func rawValues(_ text: String) -> [Substring: [Substring]] {
        var result: [Substring: [Substring]] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[line[..<equals], default: []].append(line[line.index(after: equals)...])
        }
        return result
    }

    /// `keys` in rendering order, unknown keys last and sorted.
    private static func ordered(_ keys: Set<Substring>) -> [String] {
        let known = Key.allCases.map(\.rawValue)
        return known.filter { keys.contains(Substring($0)) } + keys.map(String.init).filter { !known.contains($0) }.sorted()
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
