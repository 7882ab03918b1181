import Foundation
public import Synchronization
public import WardenCore

/// Every erasure carried out, kept beside the key ring (outside the database, so outside its
/// backups): one JSON line per erasure, appended and synced before anyone is told it is done.
///
/// An older copy of the database still holds people erased since it was taken. Whenever a
/// Warden opens a database with this ledger (``reconcile``), each erasure the database lacks
/// is carried out again under the same number; and the key ring, read with this ledger, opens
/// no erased person's data key (``Envelope``), even from such a copy. Lines hold identifiers,
/// times and account labels only: no one's personal data, and not the requester's reason.
public final class ErasureLedger: Sendable {
    public let path: String
    private let cache: Mutex<Loaded?>

    /// The file as last read: its entries, and who each erased. Its size as well as its time
    /// says whether it changed: appends only grow it, and two in one clock tick keep the time.
    private struct Loaded {
        var modified: Date
        var size: Int
        var entries: [Entry]
        var erased: [PersonID: ErasureID]
    }

    /// One erasure as the ledger keeps it.
    public struct Entry: Sendable, Hashable, Codable {
        public var id: ErasureID
        public var kind: ErasureKind
        public var at: Timestamp
        public var by: String
        public var suppress: Bool
        public var people: [PersonID]

        enum CodingKeys: String, CodingKey {
            case id = "erasure", kind, at, by, suppress, people
        }

        public init(_ erasure: Erasure) {
            id = erasure.id
            kind = erasure.kind
            at = erasure.decidedAt ?? erasure.requestedAt
            by = erasure.decidedBy ?? erasure.requestedBy
            suppress = erasure.suppress
            people = erasure.people
        }

        /// The erasure to carry out again on a database that lacks it.
        public var erasure: Erasure {
            Erasure(id: id, kind: kind, reason: "re-applied from the erasure ledger", suppress: suppress, people: people,
                    requestedBy: by, requestedAt: at, state: .done, decidedBy: by, decidedAt: at)
        }
    }

    /// The ledger beside the key ring at `keyRingPath`: `party.keyring` → `party.erasures`.
    public convenience init(besideKeyRing keyRingPath: String) {
        self.init(path: URL(fileURLWithPath: keyRingPath).deletingPathExtension().appendingPathExtension("erasures").path)
    }

    public init(path: String) {
        self.path = path
        cache = Mutex(nil)
    }

    /// Appends `erasures` and syncs them to disk; the file is made 0600 if it is new.
    public func append(_ erasures: [Erasure]) throws {
        guard !erasures.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var bytes: [UInt8] = []
        for erasure in erasures {
            bytes += Array(try encoder.encode(Entry(erasure))) + [0x0A]
        }
        let descriptor = open(path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else { throw failure() }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw failure() }
    }

    /// Every entry, oldest first; none when there is no ledger yet. A line that does not
    /// parse is an error naming its line: a damaged ledger must not pass for a short one.
    public func entries() throws -> [Entry] {
        try loaded()?.entries ?? []
    }

    /// The erasure that removed `person`, if the ledger holds one.
    public func erasure(of person: PersonID) throws -> ErasureID? {
        try loaded()?.erased[person]
    }

    /// The file's contents, read again only when it changed.
    private func loaded() throws -> Loaded? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let modified = attributes[.modificationDate] as? Date,
              let size = (attributes[.size] as? NSNumber)?.intValue else { return nil }
        if let cached = cache.withLock({ $0?.modified == modified && $0?.size == size ? $0 : nil }) { return cached }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw WardenError.forbidden("\(path): the erasure ledger is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        let decoder = JSONDecoder()
        var entries: [Entry] = []
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let entry = try? decoder.decode(Entry.self, from: Data(line)) else {
                throw WardenError.invalidRequest("\(path), line \(number + 1): not an erasure ledger entry")
            }
            entries.append(entry)
        }
        var erased: [PersonID: ErasureID] = [:]
        for entry in entries {
            for person in entry.people { erased[person] = entry.id }
        }
        let fresh = Loaded(modified: modified, size: data.count, entries: entries, erased: erased)
        cache.withLock { $0 = fresh }
        return fresh
    }

    private func failure() -> WardenError {
        .invalidRequest("\(path): \(String(cString: strerror(errno)))")
    }
}
