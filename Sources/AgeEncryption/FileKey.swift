import Crypto

/// The 16-byte secret every age file is encrypted under, and the keys derived from it.
///
/// Recipients wrap this key in their stanzas; the header MAC key and the payload key are
/// derived from it with HKDF-SHA256 so that the three uses never share a key.
struct FileKey: Sendable {
    static let byteCount = 16

    private let key: SymmetricKey

    /// A fresh random file key.
    init() {
        key = SymmetricKey(data: SecureRandom.bytes(count: Self.byteCount))
    }

    /// Opens a stanza body (the sealed file key and its tag) under a recipient's wrapping
    /// key; `nil` when it does not authenticate, meaning the stanza is for someone else.
    init?(unwrapping body: [UInt8], with wrappingKey: SymmetricKey) {
        guard body.count == Self.byteCount + PayloadCipher.tagSize,
              let nonce = try? ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)),
              let box = try? ChaChaPoly.SealedBox(
                  nonce: nonce, ciphertext: body.prefix(Self.byteCount), tag: body.suffix(PayloadCipher.tagSize)
              ),
              let opened = try? ChaChaPoly.open(box, using: wrappingKey)
        else { return nil }
        key = SymmetricKey(data: opened)
    }

    /// The file key sealed with ChaCha20-Poly1305 under `wrappingKey` and an all-zero nonce,
    /// as a stanza body. The zero nonce is safe because every wrapping key is used once.
    func wrapped(with wrappingKey: SymmetricKey) throws -> [UInt8] {
        let box = try key.withUnsafeBytes { fileKey in
            try ChaChaPoly.seal(Array(fileKey), using: wrappingKey, nonce: ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)))
        }
        return Array(box.ciphertext) + Array(box.tag)
    }

    /// HMAC-SHA256 over the header up to and including `---`, binding the stanzas to the
    /// file key so that a stanza cannot be swapped without the key holder noticing.
    func headerMAC(for header: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: header, using: headerMACKey))
    }

    /// Checks a header MAC in constant time.
    func isValidHeaderMAC(_ mac: [UInt8], for header: [UInt8]) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: header, using: headerMACKey)
    }

    /// The ChaCha20-Poly1305 key for the payload, salted with the file's random nonce so
    /// that a file key reused by mistake still yields distinct payload keys.
    func payloadKey(nonce: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, salt: nonce, info: Array("payload".utf8), outputByteCount: 32)
    }

    private var headerMACKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, salt: [UInt8](), info: Array("header".utf8), outputByteCount: 32)
    }
}
