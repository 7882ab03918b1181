/// Untrusted text made safe to show: in a terminal, an email or a log line.
///
/// Anyone can type a username into the sign-in form, and names arrive from councils' files:
/// an escape sequence in either would rewrite the DPO's terminal (`warden access alerts`), a
/// bidi override would reorder what they read, and a newline would forge a line of output.
/// Control characters (C0, DEL, C1), bidirectional controls and other invisible format
/// characters are replaced by a visible `\u{…}` escape, so the reader sees that something
/// was there without it acting. HTML pages escape on their own (Mustache); this is for the rest.
public enum SafeText {
    /// `text` on one line, each control or invisible format character shown as `\u{XX}`.
    public static func line(_ text: String) -> String {
        neutralise(text, keepingNewlines: false)
    }

    /// `text` with its newlines and tabs kept and every other control shown as `\u{XX}`.
    public static func block(_ text: String) -> String {
        neutralise(text, keepingNewlines: true)
    }

    /// Whether `scalar` must never be shown as it is: a control character, a bidirectional
    /// control, or an invisible format character (zero-width space, joiners, BOM, …).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0x061C, 0xFEFF, 0x00AD: true
        default: scalar.properties.generalCategory == .format
        }
    }

    static func neutralise(_ text: String, keepingNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepingNewlines && (scalar == "\n" || scalar == "\t") || !isUnsafe(scalar) {
                result.append(scalar)
            } else {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(result)
    }
}
