#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Standard base64 (RFC 4648 §4, with padding), the encoding every C2SP format uses.
///
/// Kept in one place so the rest of the package works on `[UInt8]` and does not depend on
/// Foundation types.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Decodes strict padded standard base64; `nil` for anything else.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard let data = Data(base64Encoded: String(text)) else { return nil }
        return Array(data)
    }

    /// Decodes only the canonical encoding, so one value has exactly one textual form.
    ///
    /// Used where the text is part of signed content (the checkpoint root hash line):
    /// accepting alternative spellings of the same bytes would make notes malleable.
    static func decodeCanonical(_ text: some StringProtocol) -> [UInt8]? {
        guard let bytes = decode(text), encode(bytes) == String(text) else { return nil }
        return bytes
    }
}
