#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// RFC 2047 encoded-words for header text (used for `Subject`).
///
/// Headers must be ASCII, but members' names and campaign subjects are not; `=?UTF-8?B?…?=`
/// carries UTF-8 text through any relay and every mail client decodes it.
enum EncodedWord {
    /// The longest encoded-word RFC 2047 §2 allows.
    static let maximumWordLength = 75

    /// Whether `text` can go into a header unencoded: printable ASCII and spaces only, and short
    /// enough that the header line stays within the recommended 78 characters.
    static func canUseVerbatim(_ text: String, headerName: String) -> Bool {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return false }
        // An ASCII text that itself looks like an encoded-word would be decoded by clients.
        guard !text.contains("=?") else { return false }
        return headerName.utf8.count + 2 + bytes.count <= maximumLineLength
    }

    /// The longest header line RFC 2047 §2 allows when it contains an encoded-word.
    static let maximumLineLength = 76

    /// Encodes `text` as one or more base64 encoded-words, joined by a folding CRLF + space.
    ///
    /// Each word holds only whole characters (RFC 2047 §5 forbids splitting one) and is at most
    /// 75 characters long; the first is shortened so that `headerName: word` also fits in 76
    /// characters, and each continuation line (a space and a word) fits as well.
    static func encode(_ text: String, headerName: String = "Subject") -> String {
        let prefix = "=?UTF-8?B?"
        let suffix = "?="
        let overhead = prefix.utf8.count + suffix.utf8.count
        // Base64 turns 3 bytes into 4 characters, so a word of length L holds (L - 12) / 4 * 3
        // bytes: 45 for a full 75-character word.
        func bytesPerWord(maximumLength: Int) -> Int {
            max(3, (maximumLength - overhead) / 4 * 3)
        }
        let firstWordLength = min(maximumWordLength, maximumLineLength - headerName.utf8.count - 2)
        var maximumBytesPerWord = bytesPerWord(maximumLength: firstWordLength)
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maximumBytesPerWord, !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk.removeAll(keepingCapacity: true)
                // Continuation lines are a space and a word.
                maximumBytesPerWord = bytesPerWord(maximumLength: min(maximumWordLength, maximumLineLength - 1))
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
        }
        return words.joined(separator: "\r\n ")
    }
}
