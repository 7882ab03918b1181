public import AgeEncryption
import Foundation
import WardenCore

/// Keys in the files `age-keygen` writes and `age -R` reads: one key per line, `#` comments
/// and blank lines ignored. Errors name the file and the line, never a key.
public enum AgeKeyFiles {
    /// The identities (`AGE-SECRET-KEY-1…`) in `path`.
    public static func identities(in path: String) throws -> [X25519Identity] {
        try keys(in: path, what: "an AGE-SECRET-KEY-1… identity", X25519Identity.init)
    }

    /// The recipients (`age1…`) in `path`.
    public static func recipients(in path: String) throws -> [X25519Recipient] {
        try keys(in: path, what: "an age1… recipient", X25519Recipient.init)
    }

    /// A recipient given on the command line, named by the option for its error.
    public static func recipient(_ text: String, option: String) throws -> X25519Recipient {
        do { return try X25519Recipient(text) } catch { throw WardenError.invalidRequest("\(option): not an age1… X25519 recipient") }
    }

    private static func keys<Key>(in path: String, what: String, _ parse: (String) throws -> Key) throws -> [Key] {
        guard let data = FileManager.default.contents(atPath: path) else { throw WardenError.notFound("\(path): cannot be read") }
        var keys: [Key] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            do { keys.append(try parse(text)) } catch { throw WardenError.invalidRequest("\(path), line \(index + 1): not \(what)") }
        }
        guard !keys.isEmpty else { throw WardenError.invalidRequest("\(path): holds no key (expected \(what))") }
        return keys
    }
}
