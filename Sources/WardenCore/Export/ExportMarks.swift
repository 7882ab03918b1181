public import Crypto
import Foundation

/// The keyed marks that make every export's file its own, so that a leaked copy names the
/// export it came from.
///
/// All of it derives from a key only the party holds (``KeyRing``'s marking key) and the
/// export's serial, so nobody without the key can tell which choices were made, and Warden
/// can recompute them at any time:
/// - **row order**: people sorted by a keyed hash of their identifier;
/// - **decoys** at keyed positions (``ExportDecoy``);
/// - **format choices** per value: street suffix written in full or short, a comma after the
///   house number or not, the postcode and the phone number spaced or not. Each is keyed by
///   the export and the value, so it survives re-sorting, dropped columns and deleted rows.
///
/// The **tokens** (keyed hashes of each normalised value, the same in every export) let a
/// trace find which exports held a value without the database keeping a second copy of it.
public struct ExportMarks: Sendable {
    /// HMAC-SHA-256 under the party's key, its key schedule done once: each mark copies it
    /// (the profile of a 100,000-person export showed the key set-up per mark at a tenth of it).
    let mac: HMAC<SHA256>
    public let serial: ExportID

    public init(key: SymmetricKey, serial: ExportID) {
        mac = HMAC<SHA256>(key: key)
        self.serial = serial
    }

    /// The first 64 bits of the keyed hash of `text`.
    func bits(_ text: String) -> UInt64 {
        var copy = mac
        copy.update(data: Array(text.utf8))
        return copy.finalize().withUnsafeBytes { bytes in bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }
    }

    /// What a token is of. Part of every token and choice, so equal text in two columns never meets.
    public enum Kind: String, Sendable, CaseIterable {
        case name, address, postcode, email, phone, electorNumber = "elector_number", membershipNumber = "membership_number"

        /// Whether a value of this kind points at one row (or a household's few): a postcode
        /// is shared by a street, so it never places a row.
        public var identifiesARow: Bool { self != .postcode }
    }

    /// A few decoys, more for a large file: three, and one more for each 2,500 people, at most 25.
    public static func decoyCount(for people: Int) -> Int { min(25, 3 + people / 2_500) }

    /// 64 keyed bits of `parts` for this export.
    func keyed(_ parts: String...) -> UInt64 {
        bits((["export \(serial)"] + parts).joined(separator: "\u{1F}"))
    }

    /// Where person `id` goes in the file, relative to the others.
    public func orderKey(_ id: PersonID) -> UInt64 { keyed("order", String(id.rawValue)) }

    /// The rows (counting from 0, among `people + decoys`) that hold decoys.
    public func decoyRows(people: Int, decoys: Int) -> [Int] {
        let total = people + decoys
        var rows = Set<Int>()
        var draw = 0
        while rows.count < decoys {
            rows.insert(Int(keyed("decoy row", String(draw)) % UInt64(total)))
            draw += 1
        }
        return rows.sorted()
    }

    /// The keyed choice for a value of `kind` whose token is `token`, for the format choice `choice`.
    public func choice(_ choice: FormatChoice, token: Int64) -> Bool {
        keyed("choice", choice.rawValue, String(token)) & 1 == 1
    }

    /// A random-looking but reproducible draw for decoy `index`'s `what`.
    public func draw(decoy index: Int, _ what: String, attempt: Int) -> UInt64 {
        keyed("decoy", String(index), what, String(attempt))
    }

    /// The token of a normalised value: the same in every export (it does not involve the
    /// serial), so one index finds them all.
    public func token(_ kind: Kind, _ normalised: String) -> Int64 {
        Int64(bitPattern: bits("token\u{1F}\(kind.rawValue)\u{1F}\(normalised)"))
    }
}

/// The format choices a value can carry; each is seen again in a leaked cell (``ExportCells``).
public enum FormatChoice: String, Sendable, CaseIterable {
    /// `12 Alder Road` or `12 Alder Rd`.
    case streetSuffix = "street_suffix"
    /// `12 Alder Road` or `12, Alder Road`.
    case numberComma = "number_comma"
    /// `FW1 2AB` or `FW12AB`.
    case postcodeSpace = "postcode_space"
    /// `07700 900123` or `07700900123`.
    case phoneSpace = "phone_space"

    /// The kind of value the choice is made on.
    public var kind: ExportMarks.Kind {
        switch self {
        case .streetSuffix, .numberComma: .address
        case .postcodeSpace: .postcode
        case .phoneSpace: .phone
        }
    }
}
