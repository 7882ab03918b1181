import WardenCore

/// Walks the versions in identifier order beside the entries that bind them (part 2 of
/// ``Verification``).
struct VersionCheck<Versions: StoreCursor<PersonVersion>> {
    private var versions: Versions
    private var next: PersonVersion?
    private var started = false
    /// How many versions the walk has passed.
    private(set) var seen = 0

    init(_ versions: Versions) {
        self.versions = versions
    }

    /// Checks the versions `binding` claims; returns findings.
    mutating func check(_ binding: VersionBinding, entryID: Int64) throws -> [String] {
        var findings: [String] = []
        while let version = try peek(), version.id < binding.first {
            findings.append(Self.unbound(version))
            try advance()
        }
        var builder = VersionBinding.Builder()
        var ids: [Int64] = []
        while let version = try peek(), version.id <= binding.last {
            builder.add(id: version.id, hash: version.hash)
            ids.append(version.id)
            try advance()
        }
        let complete = ids.count == Int(binding.last - binding.first + 1)
        if !complete {
            findings.append("versions \(binding.first)–\(binding.last) (audit entry \(entryID)): \(Int(binding.last - binding.first + 1) - ids.count) missing (deleted outside Warden)")
        } else if builder.finish()?.digest != binding.digest {
            findings.append("versions \(binding.first)–\(binding.last) (audit entry \(entryID)): do not match the digest in the entry (altered outside Warden)")
        }
        return findings
    }

    /// Versions after the last binding: claimed by no entry.
    mutating func unclaimed() throws -> [String] {
        var findings: [String] = []
        while let version = try peek() {
            findings.append(Self.unbound(version))
            try advance()
        }
        return findings
    }

    private static func unbound(_ version: PersonVersion) -> String {
        "version \(version.id) of person \(version.personID.rawValue): bound to no audit entry (inserted outside Warden)"
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
