/// Why a ``DKIMSigner`` could not be created or could not sign.
///
/// Like every error of this module it never carries the key, the message or an address: these
/// errors are logged, and a private key or a member's mail in a log is a breach.
public enum DKIMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The signing domain (`d=`) is not a domain name.
    case invalidDomain
    /// The selector (`s=`) is not a sequence of DNS labels.
    case invalidSelector
    /// The key is neither a PEM private key (PKCS#8 Ed25519 or RSA, or PKCS#1 RSA) nor a base64
    /// Ed25519 seed.
    case unreadableKey
    /// The RSA key has fewer than 1024 bits, which RFC 8301 forbids verifiers to accept.
    case keyTooSmall
    /// The message has no blank line between its headers and body, or no `From` header, so it
    /// was not rendered by ``MailMessage``.
    case malformedMessage
    /// The cryptographic library refused to sign.
    case signingFailed

    public var description: String {
        switch self {
        case .invalidDomain: "the DKIM signing domain is not a valid domain name"
        case .invalidSelector: "the DKIM selector is not valid"
        case .unreadableKey: "the DKIM private key could not be read (PKCS#8 PEM, PKCS#1 RSA PEM or a base64 Ed25519 seed expected)"
        case .keyTooSmall: "the DKIM RSA key has fewer than the 1024 bits required"
        case .malformedMessage: "the message to sign has no header/body separator or no From header"
        case .signingFailed: "the DKIM signature could not be computed"
        }
    }
}
