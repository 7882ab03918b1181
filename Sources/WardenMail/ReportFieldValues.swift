/// Reads the values of report fields that name addresses and messages.
enum ReportFieldValues {
    /// The address in a typed field such as `Final-Recipient: rfc822; jane@example.org`
    /// (RFC 3464 §2.3.2), in angle brackets or not; `nil` when empty. The address type is not
    /// checked: `rfc822` and `utf-8` (RFC 6533) both hold a mailbox, and any other would be
    /// worse to drop than to pass on.
    static func typedAddress(_ value: String) -> String? {
        let address = value.firstIndex(of: ";").map { value[value.index(after: $0)...] } ?? Substring(value)
        return bare(address)
    }

    /// The address in `value`: what is between `<` and `>` when they are there, the trimmed
    /// value otherwise; `nil` when empty.
    static func bare(_ value: Substring) -> String? {
        var text = value.trimmingWhitespace()
        if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            text = text[text.index(after: open)..<close].trimmingWhitespace()
        }
        return text.isEmpty ? nil : String(text)
    }

    /// The addresses of an address-list header such as `To` (RFC 5322 §3.4): split at commas
    /// outside quoted display names and angle brackets; group syntax and comments are not
    /// unpicked.
    static func addressList(_ value: String) -> [String] {
        var addresses: [String] = []
        var start = value.startIndex
        var inQuotes = false
        var inAngles = false
        var index = value.startIndex
        while index < value.endIndex {
            switch value[index] {
            case "\"": inQuotes.toggle()
            case "<" where !inQuotes: inAngles = true
            case ">" where !inQuotes: inAngles = false
            case "," where !inQuotes && !inAngles:
                if let address = bare(value[start..<index]), address.contains("@") { addresses.append(address) }
                start = value.index(after: index)
            default: break
            }
            index = value.index(after: index)
        }
        if let address = bare(value[start...]), address.contains("@") { addresses.append(address) }
        return addresses
    }

    /// A `Message-ID` value without its angle brackets, as ``MailMessage/messageID`` holds it.
    static func messageID(_ value: String) -> String? {
        bare(Substring(value))
    }
}
