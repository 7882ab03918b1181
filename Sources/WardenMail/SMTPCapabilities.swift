/// What the relay announced in its reply to `EHLO` (RFC 5321 §4.1.1.1): each line after the
/// first is an extension keyword with optional parameters.
///
/// Only what the client acts on is kept: `STARTTLS` (RFC 3207), the `AUTH` mechanisms
/// (RFC 4954) and the `SIZE` limit (RFC 1870).
struct SMTPCapabilities: Sendable, Hashable {
    /// The relay offers `STARTTLS`.
    var startTLS = false
    /// The SASL mechanisms offered with `AUTH`, upper-cased.
    var authMechanisms: Set<String> = []
    /// The largest message the relay accepts, in octets, when it announced one (0 means no
    /// limit, so it is stored as `nil`).
    var maximumSize: Int?

    init() {}

    /// Reads the capabilities from the text lines of a positive `EHLO` reply.
    init(ehloReplyLines lines: [String]) {
        for line in lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            switch keyword {
            case "STARTTLS":
                startTLS = true
            case "AUTH":
                // `AUTH=PLAIN LOGIN` is the pre-standard form some servers still send as well.
                authMechanisms.formUnion(words.dropFirst())
            case "SIZE":
                if words.count > 1, let size = Int(words[1]), size > 0 { maximumSize = size }
            default:
                continue
            }
        }
    }
}
