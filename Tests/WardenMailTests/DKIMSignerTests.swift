import Crypto
import CryptoExtras
import Foundation
import Testing

@testable import WardenMail

/// DKIM signing with fixed keys: key loading, the DNS record, the signature field's tags, and the
/// relaxed canonicalisation against values computed with dkimpy's own canonicaliser.
@Suite struct DKIMSignerTests {
    static let date = Date(timeIntervalSince1970: 1_751_360_703)

    static func ed25519() throws -> DKIMSigner {
        try DKIMSigner(domain: "party.example", selector: "ed2025", privateKeyPEM: DKIMTestKeys.ed25519PEM)
    }

    static func rsa() throws -> DKIMSigner {
        try DKIMSigner(domain: "party.example", selector: "rsa2025", privateKeyPEM: DKIMTestKeys.rsa2048PEM)
    }

    static func rendered() throws -> String {
        try MailMessage(
            recipient: "member@example.org", subject: "Vote on Thursday", body: "Hello",
            messageID: "c-1@party.example", unsubscribeURL: "https://party.example/u/1", listID: "campaign.party.example"
        ).rendered(from: "news@party.example", date: date)
    }

    /// The tags of a `DKIM-Signature` field, whitespace removed.
    static func tags(_ field: String) -> [String: String] {
        let value = field.dropFirst("DKIM-Signature:".count).filter { !$0.isWhitespace }
        return Dictionary(
            value.split(separator: ";").map { tag in
                let parts = tag.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            },
            uniquingKeysWith: { first, _ in first }
        )
    }

    @Test func publishesTheKeysOpenSSLDerives() throws {
        #expect(try Self.ed25519().dnsRecord == "v=DKIM1; k=ed25519; p=\(DKIMTestKeys.ed25519Public)")
        #expect(try Self.rsa().dnsRecord == "v=DKIM1; k=rsa; p=\(DKIMTestKeys.rsa2048Public)")
        #expect(try Self.ed25519().dnsRecordName == "ed2025._domainkey.party.example")
        let seed = try DKIMSigner(domain: "party.example", selector: "ed2025", ed25519Seed: DKIMTestKeys.ed25519Seed)
        #expect(seed == (try Self.ed25519()))
        let pkcs1 = try DKIMSigner(domain: "party.example", selector: "rsa2025", privateKeyPEM: DKIMTestKeys.rsa2048PKCS1PEM)
        #expect(pkcs1 == (try Self.rsa()))
        #expect(pkcs1.algorithm == .rsaSHA256)
        #expect(seed.algorithm == .ed25519SHA256)
        let small = try DKIMSigner(domain: "party.example", selector: "old", privateKeyPEM: DKIMTestKeys.rsa1024PEM)
        #expect(small.algorithm == .rsaSHA256)
    }

    @Test func refusesKeysItCannotUseSafely() {
        #expect(throws: DKIMError.keyTooSmall) {
            try DKIMSigner(domain: "party.example", selector: "s", privateKeyPEM: DKIMTestKeys.rsa768PEM)
        }
        #expect(throws: DKIMError.unreadableKey) {
            try DKIMSigner(domain: "party.example", selector: "s", privateKeyPEM: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
        }
        #expect(throws: DKIMError.unreadableKey) {
            try DKIMSigner(domain: "party.example", selector: "s", ed25519Seed: "c2hvcnQ=")
        }
        #expect(throws: DKIMError.invalidDomain) {
            try DKIMSigner(domain: "party", selector: "s", privateKeyPEM: DKIMTestKeys.ed25519PEM)
        }
        #expect(throws: DKIMError.invalidSelector) {
            try DKIMSigner(domain: "party.example", selector: "a;b", privateKeyPEM: DKIMTestKeys.ed25519PEM)
        }
    }

    @Test func neverPrintsThePrivateKey() throws {
        let signer = try Self.ed25519()
        let seedPrefix = String(DKIMTestKeys.ed25519Seed.prefix(12))
        #expect(String(describing: signer) == "DKIM signer (d=party.example, s=ed2025, a=ed25519-sha256)")
        var dumped = ""
        dump(signer, to: &dumped)
        #expect(!dumped.contains(seedPrefix))
        #expect(!String(reflecting: signer).contains(seedPrefix))
        #expect(!String(describing: SMTPRelay(host: "h", sender: "a@party.example", dkimSigners: [signer])).contains(seedPrefix))
    }

    @Test func signsThePresentHeadersAndTheBody() throws {
        let rendered = try Self.rendered()
        let field = try Self.ed25519().signatureField(for: rendered, at: Self.date)
        #expect(field.hasPrefix("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=party.example; s=ed2025;\r\n"))
        #expect(field.hasSuffix("\r\n"))
        let tags = Self.tags(field)
        #expect(tags["t"] == "1751360703")
        #expect(
            tags["h"]
                == "from:to:subject:date:message-id:mime-version:content-type:content-transfer-encoding:list-unsubscribe:list-unsubscribe-post:list-id"
        )
        // The body "Hello" is quoted-printable "Hello\r\n": sha256 of that, base64.
        #expect(tags["bh"] == "Ba3gj8+xBPQLJTahTfzW6RbWQ/XPgESxkCi2B66PSQg=")
        let b = try #require(tags["b"])
        #expect(Data(base64Encoded: b)?.count == 64)

        let plain = try MailMessage(recipient: "m@example.org", subject: "s", body: "b").rendered(from: "a@party.example", date: Self.date)
        #expect(
            Self.tags(try Self.ed25519().signatureField(for: plain, at: Self.date))["h"]
                == "from:to:subject:date:message-id:mime-version:content-type:content-transfer-encoding"
        )
    }

    @Test func ed25519SignatureIsOverTheSHA256OfTheCanonicalHeaders() throws {
        // Recomputes the signed data by hand for a tiny message and checks the signature with the
        // public key: RFC 8463 signs the SHA-256 hash, not the data itself.
        let message = "From: A <a@party.example>\r\nSubject:  A  folded\r\n\t subject  \r\n\r\nHello  \tworld \r\n\r\n  indented\r\n\r\n\r\n"
        let field = try Self.ed25519().signatureField(for: message, at: Self.date)
        let tags = Self.tags(field)
        // dkimpy: base64(sha256(Relaxed.canonicalize_body(body))).
        #expect(tags["bh"] == "g3pe23cHpKiH3I/UWhL9RaBjxFmIpi0tHEeINGjtn2Q=")
        #expect(tags["h"] == "from:subject")
        let unsigned = field.replacingOccurrences(of: #"b=[A-Za-z0-9+/=]+\r\n$"#, with: "b=", options: .regularExpression)
        let canonicalSignatureField = "dkim-signature:" + unsigned.dropFirst("DKIM-Signature:".count)
            .replacingOccurrences(of: "\r\n", with: "")
            .replacingOccurrences(of: #"[ \t]+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
        let data = "from:A <a@party.example>\r\nsubject:A folded subject\r\n" + canonicalSignatureField
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: #require(Data(base64Encoded: DKIMTestKeys.ed25519Public)))
        let b = try #require(tags["b"])
        let signature = try #require(Data(base64Encoded: b))
        #expect(publicKey.isValidSignature(signature, for: Data(SHA256.hash(data: Data(data.utf8)))))
        #expect(!publicKey.isValidSignature(signature, for: Data(data.utf8)))
    }

    @Test func rsaSignatureIsPKCS1v15OverSHA256() throws {
        let message = "From: a@party.example\r\n\r\nx\r\n"
        let field = try Self.rsa().signatureField(for: message, at: Self.date)
        let tags = Self.tags(field)
        let b = try #require(tags["b"])
        let signature = try #require(Data(base64Encoded: b))
        #expect(signature.count == 256)
        let unsigned = String(field.prefix(upTo: try #require(field.range(of: "b=", options: .backwards)).upperBound))
        let canonicalSignatureField = "dkim-signature:" + unsigned.dropFirst("DKIM-Signature:".count)
            .replacingOccurrences(of: "\r\n", with: "")
            .replacingOccurrences(of: #"[ \t]+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
        let data = Data(("from:a@party.example\r\n" + canonicalSignatureField).utf8)
        let publicKey = try _RSA.Signing.PublicKey(derRepresentation: #require(Data(base64Encoded: DKIMTestKeys.rsa2048Public)))
        #expect(publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: data, padding: .insecurePKCS1v1_5))
    }

    @Test func refusesAMessageWithoutHeadersOrFrom() throws {
        #expect(throws: DKIMError.malformedMessage) { try Self.ed25519().signatureField(for: "no separator", at: Self.date) }
        #expect(throws: DKIMError.malformedMessage) { try Self.ed25519().signatureField(for: "To: a@b.example\r\n\r\nx\r\n", at: Self.date) }
    }

    @Test func severalSignersEachPrependASignature() throws {
        let rendered = try Self.rendered()
        let signed = try DKIMSigner.sign(rendered, with: [Self.ed25519(), Self.rsa()], at: Self.date)
        #expect(signed.hasSuffix(rendered))
        #expect(signed.hasPrefix("DKIM-Signature: v=1; a=ed25519-sha256;"))
        #expect(signed.components(separatedBy: "\r\nDKIM-Signature: v=1; a=rsa-sha256;").count == 2)
        #expect(try DKIMSigner.sign(rendered, with: [], at: Self.date) == rendered)
    }
}
