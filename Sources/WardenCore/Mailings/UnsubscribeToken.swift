public import Crypto

/// The token in a campaigning email's one-click unsubscribe link: which recipient of which
/// mailing, signed so it cannot be made up or changed.
///
/// RFC 8058's POST carries no cookie and no sign-in, so the token is the only proof, and a
/// mailbox provider may send it days later: it is signed (HMAC-SHA-256 under a key from the
/// key ring) rather than stored, and names a recipient row, which keeps the address's keyed
/// hash even after the person is erased.
public struct UnsubscribeToken: Sendable, Hashable {
    /// The mailing recipient row.
    public var recipient: Int64

    public init(recipient: Int64) { self.recipient = recipient }

    /// `recipient` and 128 bits of its signature, as a link's last segment: `R-HEX`.
    public func signed(with key: SymmetricKey) -> String {
        "\(recipient)-\(Hex.encode(Self.mac(recipient, key)))"
    }

    /// The token `text` names, or `nil` when its signature does not hold.
    public static func verified(_ text: String, with key: SymmetricKey) -> UnsubscribeToken? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 19, let recipient = Int64(parts[0]), recipient > 0,
              let mac = Hex.decode(String(parts[1])), mac.count == 16 else { return nil }
        // Compared in constant time: the signature is the only secret.
        guard zip(mac, Self.mac(recipient, key)).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return UnsubscribeToken(recipient: recipient)
    }

    private static func mac(_ recipient: Int64, _ key: SymmetricKey) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array("warden unsubscribe \(recipient)".utf8), using: key).prefix(16))
    }
}
