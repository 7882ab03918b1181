import Foundation
public import WardenCore

/// What a password must be: long, and not one that attackers try first.
///
/// Length alone lets `aaaaaaaaaaaa` and `password1234` through, and those are the first
/// guesses of every credential-stuffing list. A password is refused when it is shorter than
/// 12 characters, uses fewer than 5 different characters, or is (ignoring case, and any digits
/// or symbols around it) one of the 30,000 most common leaked passwords shipped in
/// `Resources/common-passwords.txt` (zxcvbn's list, MIT licence beside it).
public enum PasswordRules {
    public static let minimumLength = 12
    public static let minimumDistinctCharacters = 5

    /// Throws an error saying what is wrong (never repeating the password).
    public static func check(_ password: String) throws(WardenError) {
        guard password.count >= minimumLength else {
            throw .invalidRequest("password: at least \(minimumLength) characters")
        }
        guard Set(password).count >= minimumDistinctCharacters else {
            throw .invalidRequest("password: too few different characters")
        }
        if isCommon(password) {
            throw .invalidRequest("password: found in lists of leaked passwords; choose another")
        }
    }

    /// Whether the password, lower-cased and with digits and symbols trimmed from both ends, is a
    /// common leaked password.
    static func isCommon(_ password: String) -> Bool {
        let lowered = password.lowercased()
        let core = lowered.trimmingCharacters(in: CharacterSet.letters.inverted)
        return common.contains(lowered) || (!core.isEmpty && common.contains(core))
    }

    /// The shipped list, loaded once.
    static let common: Set<String> = {
        guard let url = Bundle.module.url(forResource: "Resources/common-passwords", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("Resources/common-passwords.txt is missing from the WardenServices bundle") }
        return Set(text.split(separator: "\n").map(String.init))
    }()
}
