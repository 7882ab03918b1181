import Foundation
import Testing

@testable import WardenMail
import WardenTestSupport

/// Signed mail sent through a real SMTP server (aiosmtpd) and verified, as received, by dkimpy
/// with the public keys published through a stub resolver. Tampering with what the signature
/// covers must make dkimpy reject it.
@Suite(.serialized)
struct DKIMVerificationTests {
    static func signers() throws -> [DKIMSigner] {
        [try DKIMSignerTests.ed25519(), try DKIMSignerTests.rsa()]
    }

    static func records(_ signers: [DKIMSigner]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: signers.map { ($0.dnsRecordName, $0.dnsRecord) })
    }

    /// Sends a campaign message signed with both keys and returns it as the sink received it.
    static func sendSigned() async throws -> String {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        var relay = SMTPDeliveryTests.relay(port: sink.port)
        relay.sender = "news@party.example"
        relay.dkimSigners = try signers()
        let message = MailMessage(
            recipient: "jane.doe@example.org",
            subject: "Wählen am Donnerstag — your polling station",
            body: "Dear Jane,\n\n.a line with a leading dot\ntrailing   \n\nGrüße\n\n",
            unsubscribeURL: "https://party.example/unsubscribe?t=" + String(repeating: "Zx9", count: 30),
            listID: "campaign.party.example",
            envelopeSender: "bounces@party.example"
        )
        try await SMTPClient.send(message, via: relay)
        let received = try sink.receivedMessages()
        try #require(received.count == 1, "sink log: \(sink.log())")
        return received[0].raw
    }

    @Test func dkimpyVerifiesBothSignaturesAsReceived() async throws {
        let raw = try await Self.sendSigned()
        let results = try DKIMVerifier.verify(raw, records: Self.records(try Self.signers()))
        #expect(results.map(\.algorithm) == ["ed25519-sha256", "rsa-sha256"])
        for result in results {
            #expect(result.valid, "\(result.algorithm ?? "?"): \(result.error ?? "no error")")
            #expect(result.domain == "party.example")
        }
    }

    static let tamperings: [(String, @Sendable (String) -> String)] = [
        ("body", { $0.replacingOccurrences(of: "Dear Jane", with: "Dear Joan") }),
        ("subject", { $0.replacingOccurrences(of: "\r\nSubject: ", with: "\r\nSubject: Re: ") }),
        ("unsubscribe link", { $0.replacingOccurrences(of: "https://party.example/unsubscribe", with: "https://evil.example/unsubscribe") }),
        ("From", { $0.replacingOccurrences(of: "\r\nFrom: news@party.example", with: "\r\nFrom: ceo@party.example") }),
    ]

    @Test func dkimpyRejectsTamperedMail() async throws {
        let raw = try await Self.sendSigned()
        let records = Self.records(try Self.signers())
        for (what, tamper) in Self.tamperings {
            let tampered = tamper(raw)
            try #require(tampered != raw, "the \(what) tampering changed nothing")
            let results = try DKIMVerifier.verify(tampered, records: records)
            #expect(results.count == 2)
            for result in results {
                #expect(!result.valid, "dkimpy accepted a message with a tampered \(what) (\(result.algorithm ?? "?"))")
            }
        }
        // A relay refolding headers and respacing the body keeps relaxed signatures valid.
        let refolded = raw.replacingOccurrences(of: "\r\nSubject: ", with: "\r\nSubject:   \r\n\t ")
            .replacingOccurrences(of: "Dear Jane,", with: "Dear  Jane,   ")
        for result in try DKIMVerifier.verify(refolded, records: records) {
            #expect(result.valid, "\(result.algorithm ?? "?"): \(result.error ?? "no error")")
        }
    }

    @Test func aKeyPublishedForAnotherSelectorDoesNotVerify() async throws {
        let raw = try await Self.sendSigned()
        let other = try DKIMSigner(domain: "party.example", selector: "ed2025", ed25519Seed: Data(repeating: 7, count: 32).base64EncodedString())
        let results = try DKIMVerifier.verify(raw, records: Self.records([other, try DKIMSignerTests.rsa()]))
        #expect(results.map(\.valid) == [false, true])
    }
}
