#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The user name and password for a relay that requires `AUTH` (RFC 4954), as a party's mail
/// provider does.
///
/// Neither is ever printed: ``description`` and the mirror hide them, so a relay configuration
/// that ends up in a log or an error does not leak the password.
public struct SMTPCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The account name at the provider.
    public var username: String
    /// The account's password or API token.
    public var password: String

    /// Creates credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "SMTP credentials (hidden)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// The `AUTH PLAIN` initial response (RFC 4616): no authorisation identity, the user name and
    /// the password, NUL-separated, in base64.
    var plainResponse: String {
        Data([0] + Array(username.utf8) + [0] + Array(password.utf8)).base64EncodedString()
    }

    /// The two `AUTH LOGIN` responses, user name then password, in base64.
    var loginResponses: (username: String, password: String) {
        (Data(username.utf8).base64EncodedString(), Data(password.utf8).base64EncodedString())
    }
}
