/// The name a party's audit log goes by: the first line of every checkpoint it signs and the
/// name of its signing key (c2sp.org/tlog-checkpoint, c2sp.org/signed-note).
///
/// Each party names its own log at `warden init`, so a witness that keeps checkpoints of
/// several logs can tell them apart, and a checkpoint of one party's log is never taken for
/// another's. The name is fixed once the first checkpoint is signed.
public struct LogOrigin: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    /// Longer names only make every checkpoint longer; 100 is ample for `host/path`.
    public static let maxLength = 100

    /// The origin of a log whose database never chose one: every log before origins were
    /// chosen at `init` was signed under it, and its checkpoints must still verify.
    public static let unnamed = LogOrigin(checked: "warden.example/audit-log")

    /// Checks `text`: 1 to ``maxLength`` printable ASCII characters, no spaces, and no `+`
    /// (which separates the parts of a verifier key, whose name this also is).
    public init(_ text: String) throws {
        guard Self.isValid(text) else {
            throw WardenError.invalidRequest(
                "origin: use 1 to \(Self.maxLength) printable ASCII characters without spaces or '+', e.g. party.example.org/audit")
        }
        rawValue = text
    }

    private init(checked text: String) {
        rawValue = text
    }

    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maxLength && text.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "+") }
    }

    /// A default for a party that names none: `<host>/<database name>`, e.g. `office/party` for
    /// `party.sqlite` on the machine `office`, so that two databases on one host differ. Each
    /// part keeps only letters, digits, `.`, `-` and `_`, lowercased.
    public static func derived(hostName: String, databasePath: String) -> LogOrigin {
        let file = databasePath.split(separator: "/").last.map(String.init) ?? ""
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        let host = clean(hostName)
        let name = clean(stem)
        let text = "\(host.isEmpty || host == "localhost" ? "warden.local" : host)/\(name.isEmpty ? "audit" : name)"
        return LogOrigin(checked: String(text.prefix(maxLength)))
    }

    private static func clean(_ text: String) -> String {
        String(decoding: text.lowercased().utf8.filter {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }, as: UTF8.self)
    }

    public var description: String { rawValue }
}
