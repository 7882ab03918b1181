import Crypto
import CryptoExtras

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Signs rendered messages with DKIM (RFC 6376), so receivers can check that the mail comes from
/// the party's domain and that nobody altered it — without it, campaign mail fails DMARC and
/// lands in spam, and anyone could forge it.
///
/// Supports `ed25519-sha256` (RFC 8463) and `rsa-sha256`; RFC 8463 recommends signing with both
/// until every receiver understands Ed25519, so ``SMTPRelay/dkimSigners`` takes several. The
/// canonicalisation is relaxed/relaxed, and the signature covers the headers ``MailMessage``
/// writes (those present of ``signedHeaderNames``) and the whole body.
///
/// For DMARC to pass, ``domain`` must be the domain of the `From` address (or its parent).
/// Publish ``dnsRecord`` as a TXT record at ``dnsRecordName`` before sending.
///
/// The private key is never printed: ``description`` names only the domain, selector and
/// algorithm.
public struct DKIMSigner: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The signature algorithm, as written in the `a=` tag.
    public enum Algorithm: String, Sendable, Hashable {
        /// Ed25519 over the SHA-256 hash (RFC 8463): short keys and signatures, fast.
        case ed25519SHA256 = "ed25519-sha256"
        /// RSA PKCS#1 v1.5 with SHA-256 (RFC 6376 §3.3.1): what every receiver verifies.
        case rsaSHA256 = "rsa-sha256"
    }

    /// The headers signed when present, in this order (RFC 6376 §5.4.1 recommends `From`, the
    /// subject, the date, the addressees and the MIME headers; the list headers are signed so the
    /// unsubscribe link cannot be swapped for another).
    public static let signedHeaderNames = [
        "from", "to", "subject", "date", "message-id", "mime-version", "content-type",
        "content-transfer-encoding", "list-unsubscribe", "list-unsubscribe-post", "list-id",
    ]

    private enum Key: Sendable {
        case ed25519(Curve25519.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    /// The signing domain (`d=`).
    public let domain: String
    /// The selector (`s=`): the record is looked up at `selector._domainkey.domain`.
    public let selector: String
    /// The algorithm the key dictates.
    public let algorithm: Algorithm
    /// The public key as published in `p=`: the raw 32 bytes for Ed25519, the DER
    /// SubjectPublicKeyInfo for RSA.
    private let publicKey: Data
    private let key: Key

    /// Creates a signer from a PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`, Ed25519 or RSA) or
    /// PKCS#1 (`BEGIN RSA PRIVATE KEY`), as `openssl genpkey` writes them.
    ///
    /// - Throws: ``DKIMError`` for an invalid domain or selector, an unreadable key, or an RSA
    ///   key under 1024 bits (RFC 8301).
    public init(domain: String, selector: String, privateKeyPEM: String) throws(DKIMError) {
        if privateKeyPEM.contains("-----BEGIN PRIVATE KEY-----"),
            let key = try? Curve25519.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        {
            try self.init(domain: domain, selector: selector, key: .ed25519(key))
            return
        }
        let rsa: _RSA.Signing.PrivateKey
        do {
            // The "unsafe" initialiser accepts 1024 bits, the smallest RFC 8301 allows and what
            // many DNS hosts still limit TXT records to.
            rsa = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: privateKeyPEM)
        } catch CryptoKitError.incorrectParameterSize {
            throw .keyTooSmall
        } catch {
            throw .unreadableKey
        }
        try self.init(domain: domain, selector: selector, key: .rsa(rsa))
    }

    /// Creates an Ed25519 signer from the 32-byte private key seed in base64 (the form some DKIM
    /// tools print).
    public init(domain: String, selector: String, ed25519Seed: String) throws(DKIMError) {
        guard let seed = Data(base64Encoded: String(ed25519Seed.filter { !$0.isWhitespace })),
            seed.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else { throw .unreadableKey }
        try self.init(domain: domain, selector: selector, key: .ed25519(key))
    }

    private init(domain: String, selector: String, key: Key) throws(DKIMError) {
        guard Self.isDNSName(domain, minimumLabels: 2) else { throw .invalidDomain }
        guard Self.isDNSName(selector, minimumLabels: 1) else { throw .invalidSelector }
        self.domain = domain
        self.selector = selector
        self.key = key
        switch key {
        case .ed25519(let key):
            algorithm = .ed25519SHA256
            publicKey = key.publicKey.rawRepresentation
        case .rsa(let key):
            algorithm = .rsaSHA256
            publicKey = key.publicKey.derRepresentation
        }
    }

    /// Where the public key must be published: `selector._domainkey.domain`.
    public var dnsRecordName: String { "\(selector)._domainkey.\(domain)" }

    /// The TXT record text to publish at ``dnsRecordName``, e.g.
    /// `v=DKIM1; k=ed25519; p=…` (RFC 6376 §3.6.1, RFC 8463 §4).
    public var dnsRecord: String {
        let keyType = algorithm == .ed25519SHA256 ? "ed25519" : "rsa"
        return "v=DKIM1; k=\(keyType); p=\(publicKey.base64EncodedString())"
    }

    /// The `DKIM-Signature` header field (ending in CRLF) to put in front of `message`.
    ///
    /// - Parameters:
    ///   - message: The rendered message (``MailMessage/rendered(from:date:)``), before
    ///     dot-stuffing.
    ///   - date: The signing time, written as `t=`.
    public func signatureField(for message: String, at date: Date) throws(DKIMError) -> String {
        try signatureField(for: DKIMSigningInput(message), at: date)
    }

    /// Prepends one `DKIM-Signature` per signer to `message`, canonicalising it only once.
    static func sign(_ message: String, with signers: [DKIMSigner], at date: Date) throws(DKIMError) -> String {
        guard !signers.isEmpty else { return message }
        let input = try DKIMSigningInput(message)
        var fields = ""
        for signer in signers {
            fields += try signer.signatureField(for: input, at: date)
        }
        return fields + message
    }

    private func signatureField(for input: DKIMSigningInput, at date: Date) throws(DKIMError) -> String {
        let timestamp = Int64(date.timeIntervalSince1970.rounded(.down))
        let unsigned =
            "DKIM-Signature: v=1; a=\(algorithm.rawValue); c=relaxed/relaxed; d=\(domain); s=\(selector);\r\n"
            + " t=\(timestamp); h=\(input.signedNames.joined(separator: ":"));\r\n"
            + " bh=\(input.bodyHash);\r\n"
            + " b="
        var data = input.canonicalHeaders
        // The signature field itself, with an empty b=, last and without its CRLF (§3.7).
        let field = DKIMCanonicalization.HeaderField(lowercasedName: "dkim-signature", raw: Array(unsigned.utf8)[...])
        DKIMCanonicalization.relaxedHeader(field, into: &data)
        data.removeLast(2)
        let digest = SHA256.hash(data: data)
        let signature: Data
        do {
            switch key {
            case .ed25519(let key):
                signature = try key.signature(for: Data(digest))
            case .rsa(let key):
                signature = try key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation
            }
        } catch {
            throw .signingFailed
        }
        return unsigned + signature.base64EncodedString() + "\r\n"
    }

    /// Letters, digits, hyphens and underscores in dot-separated labels (underscores appear in
    /// selectors).
    private static func isDNSName(_ name: String, minimumLabels: Int) -> Bool {
        let labels = name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return name.utf8.count <= 253 && labels.count >= minimumLabels
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63
                    && label.allSatisfy { byte in
                        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    }
            }
    }

    public var description: String { "DKIM signer (d=\(domain), s=\(selector), a=\(algorithm.rawValue))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["domain": domain, "selector": selector, "algorithm": algorithm])
    }

    public static func == (lhs: DKIMSigner, rhs: DKIMSigner) -> Bool {
        lhs.domain == rhs.domain && lhs.selector == rhs.selector && lhs.publicKey == rhs.publicKey
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(domain)
        hasher.combine(selector)
        hasher.combine(publicKey)
    }
}

/// What every signer of one message needs, computed once: the canonical signed headers, their
/// names for `h=` and the body hash.
private struct DKIMSigningInput {
    var signedNames: [String] = []
    var canonicalHeaders: [UInt8] = []
    var bodyHash: String

    init(_ message: String) throws(DKIMError) {
        let bytes = Array(message.utf8)
        guard let (headers, body) = DKIMCanonicalization.split(bytes),
            headers.contains(where: { $0.lowercasedName == "from" })
        else { throw .malformedMessage }
        for name in DKIMSigner.signedHeaderNames {
            // The last instance, as a verifier picks them bottom-up (§5.4.2); MailMessage writes
            // each once.
            guard let field = headers.last(where: { $0.lowercasedName == name }) else { continue }
            signedNames.append(name)
            DKIMCanonicalization.relaxedHeader(field, into: &canonicalHeaders)
        }
        bodyHash = Data(SHA256.hash(data: DKIMCanonicalization.relaxedBody(body))).base64EncodedString()
    }
}
