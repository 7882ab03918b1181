/// One complete (possibly multi-line) reply from the relay.
///
/// The text lines are kept for diagnosis in tests only; nothing in this module puts them into an
/// error or log, since relays echo addresses back in them.
struct SMTPReply: Sendable, Hashable {
    /// The three-digit reply code (200–599).
    var code: Int
    /// The text after the code on each line, in order.
    var lines: [String]

    init(code: Int, lines: [String] = []) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: the command succeeded.
    var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 4xx: transient failure.
    var isTransientNegative: Bool { (400..<500).contains(code) }
    /// 5xx: permanent failure.
    var isPermanentNegative: Bool { (500..<600).contains(code) }
}
