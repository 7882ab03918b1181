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
    static func checkToken(_ value: String, _ field: MailFormatError.Field) throws(MailFormatError) {
        try checkNoLineBreak(value, field)
        guard !value.isEmpty, value.utf8.count <= 255,
            value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { throw .invalid(field) }
    }
}
