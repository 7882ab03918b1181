import WardenCore

/// Walks the versions in identifier order beside the entries that bind them (part 2 of
/// ``Verification``).
///
/// An entry binds its versions as one range of identifiers. On SQLite, entries and versions
/// are numbered by one writer, so the ranges come in the log's order. On PostgreSQL, writes
/// commit side by side and the sequencer places each entry when its write has committed: an
/// entry may sit after one whose versions were numbered later. So a version the walk passes
/// is set aside rather than reported at once, and is unbound only if no later entry claims it.
struct VersionCheck<Versions: StoreCursor<PersonVersion>> {
    private var versions: Versions
    private var next: PersonVersion?
    private var started = false
    /// Versions walked past, not yet claimed: their person and hash by identifier.
    private var passed: [Int64: (person: PersonID, hash: [UInt8])] = [:]
    /// How many versions the walk has passed.
    private(set) var seen = 0

    init(_ versions: Versions) {
        self.versions = versions
    }

    /// Checks the versions `binding` claims; returns findings.
    mutating func check(_ binding: VersionBinding, entryID: Int64) throws -> [String] {
        var builder = VersionBinding.Builder()
        var found = 0
        // Claimed versions the walk set aside come first: their identifiers are the lower.
        if !passed.isEmpty {
            for id in passed.keys.filter({ binding.first...binding.last ~= $0 }).sorted() {
                builder.add(id: id, hash: passed.removeValue(forKey: id)!.hash)
                found += 1
            }
        }
        while let version = try peek(), version.id < binding.first {
            passed[version.id] = (version.personID, version.hash)
            try advance()
        }
        while let version = try peek(), version.id <= binding.last {
            builder.add(id: version.id, hash: version.hash)
            found += 1
            try advance()
        }
        let expected = Int(binding.last - binding.first + 1)
        if found != expected {
            return ["versions \(binding.first)–\(binding.last) (audit entry \(entryID)): \(expected - found) missing (deleted outside Warden)"]
        }
        if builder.finish()?.digest != binding.digest {
            return ["versions \(binding.first)–\(binding.last) (audit entry \(entryID)): do not match the digest in the entry (altered outside Warden)"]
        }
        return []
    }

    /// Versions no entry claimed, in identifier order.
    mutating func unclaimed() throws -> [String] {
        while let version = try peek() {
            passed[version.id] = (version.personID, version.hash)
            try advance()
        }
        defer { passed.removeAll() }
        return passed.keys.sorted().map { Self.unbound($0, person: passed[$0]!.person) }
    }

    private static func unbound(_ id: Int64, person: PersonID) -> String {
        "version \(id) of person \(person.rawValue): bound to no audit entry (inserted outside Warden)"
    }

    private mutating func peek() throws -> PersonVersion? {
        if !started {
            started = true
            next = try versions.next()
        }
        return next
    }

    private mutating func advance() throws {
        seen += 1
        next = try versions.next()
    }
}
