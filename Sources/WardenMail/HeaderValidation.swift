/// Checks for values that end up in headers or SMTP command lines.
///
/// Kept separate from rendering so the same rules guard both the message headers and the
/// envelope commands (`MAIL FROM`, `RCPT TO`, `EHLO`).
enum HeaderValidation {
    /// Refuses CR and LF anywhere in `value`: either would end the header or command line early.
    static func checkNoLineBreak(_ value: String, _ field: MailFormatError.Field) throws(MailFormatError) {
        if value.utf8.contains(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) {
            throw .lineBreak(field)
        }
    }

    /// Validates a mailbox address for use in `MAIL FROM:<…>`, `RCPT TO:<…>` and a header.
    ///
    /// Deliberately strict: Warden does not negotiate SMTPUTF8, so the address must be ASCII,
    /// and anything that could close the angle brackets or split the command is refused.
    static func checkAddress(_ address: String, _ field: MailFormatError.Field) throws(MailFormatError) {
        try checkNoLineBreak(address, field)
        let bytes = Array(address.utf8)
        guard !bytes.isEmpty, bytes.count <= 254 else { throw .invalid(field) }
        for byte in bytes {
            // Printable ASCII only, and none of the characters that would break `<addr>` or the
            // header syntax.
            guard byte > 0x20, byte < 0x7F else { throw .invalid(field) }
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: ",")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
            {
                throw .invalid(field)
            }
        }
        let atSigns = bytes.indices.filter { bytes[$0] == UInt8(ascii: "@") }
        guard atSigns.count == 1, let at = atSigns.first, at > 0, at < bytes.count - 1 else {
            throw .invalid(field)
        }
    }

    /// Validates a token such as a Message-ID or HELO name: printable ASCII, no spaces.
    static func checkToken(
        _ value: String,
        _ field: MailFormatError.Field,
        maximumLength: Int = 255
    ) throws(MailFormatError) {
        try checkNoLineBreak(value, field)
        guard !value.isEmpty, value.utf8.count <= maximumLength,
            value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { throw .invalid(field) }
    }

    /// Validates a one-click unsubscribe link: an `https` URL (RFC 8058 §3.1 requires HTTPS for
    /// one-click), printable ASCII without spaces or angle brackets, which would end `<…>`, and
    /// short enough for its header line (RFC 5322 §2.1.1 allows 998 characters).
    static func checkUnsubscribeURL(_ url: String) throws(MailFormatError) {
        try checkToken(url, .unsubscribeURL, maximumLength: 900)
        guard url.lowercased().hasPrefix("https://"), url.utf8.count > "https://".utf8.count,
            !url.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
        else { throw .invalid(.unsubscribeURL) }
    }

    /// Validates a `List-Id` identifier (RFC 2919 §2): dot-separated labels of letters, digits
    /// and hyphens, containing at least one dot.
    static func checkListID(_ listID: String) throws(MailFormatError) {
        try checkToken(listID, .listID)
        let labels = listID.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63
                    && label.allSatisfy { byte in
                        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    }
            })
        else { throw .invalid(.listID) }
    }
}
