import Foundation
import Testing

@testable import WardenMail
import WardenTestSupport

/// `STARTTLS`, implicit TLS and `AUTH` against a real server (aiosmtpd with Python's `ssl`), with
/// a certificate from a throwaway CA that the relay trusts through ``SMTPRelay/TrustRoots``: the
/// certificate chain and the host name are verified for real.
@Suite(.serialized)
struct SMTPSecureDeliveryTests {
    static let username = "party-mailer"
    static let password = "Corr3ct-Horse-Battery"
    static let recipient = "jane.doe@example.org"

    /// A relay for the sink on `localhost`, the name the certificates are issued for.
    static func relay(
        port: Int,
        tls: SMTPRelay.TLSMode = .startTLS,
        authority: TestCertificateAuthority,
        password: String = password
    ) -> SMTPRelay {
        SMTPRelay(
            host: "localhost", port: port, heloName: "warden.test", sender: "noreply@party.example", timeout: .seconds(60),
            tls: tls, trustRoots: .certificateFile(path: authority.certificatePath),
            credentials: SMTPCredentials(username: username, password: password)
        )
    }

    static func security(
        _ certificate: TestCertificateAuthority.ServerCertificate,
        implicit: Bool = false,
        loginOnly: Bool = false
    ) -> SMTPSink.Security {
        SMTPSink.Security(
            tls: .init(certificatePath: certificate.certificatePath, keyPath: certificate.keyPath, implicit: implicit),
            authentication: .init(username: username, password: password, loginOnly: loginOnly)
        )
    }

    static let message = MailMessage(recipient: recipient, subject: "Vote on Thursday", body: "Hello")

    /// Sends ``message`` and returns the error it failed with, or `nil` when it was accepted.
    static func sendReturningError(via relay: SMTPRelay) async throws -> SMTPError? {
        do {
            try await SMTPClient.send(message, via: relay)
            return nil
        } catch let error as SMTPError {
            return error
        }
    }

    @Test func startTLSThenAuthPlainDelivers() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let sink = try await SMTPSink.start(security: Self.security(try authority.issue(for: "localhost")))
        defer { sink.stop() }

        try await SMTPClient.send(Self.message, via: Self.relay(port: sink.port, authority: authority))

        let received = try sink.receivedMessages()
        try #require(received.count == 1, "sink log: \(sink.log())")
        #expect(received[0].tls)
        #expect(received[0].authUser == Self.username)
        #expect(received[0].rcptTos == [Self.recipient])
    }

    @Test func aRelayOfferingOnlyAuthLoginWorks() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let sink = try await SMTPSink.start(security: Self.security(try authority.issue(for: "localhost"), loginOnly: true))
        defer { sink.stop() }

        try await SMTPClient.send(Self.message, via: Self.relay(port: sink.port, authority: authority))

        let received = try sink.receivedMessages()
        try #require(received.count == 1, "sink log: \(sink.log())")
        #expect(received[0].tls)
        #expect(received[0].authUser == Self.username)
    }

    @Test func aWrongPasswordFailsPermanentlyWithoutPrintingIt() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let sink = try await SMTPSink.start(security: Self.security(try authority.issue(for: "localhost")))
        defer { sink.stop() }
        let wrong = "Wr0ng-Pa55word-42"

        let error = try #require(await Self.sendReturningError(via: Self.relay(port: sink.port, authority: authority, password: wrong)))

        #expect(error == SMTPError(stage: .authentication, reason: .reply(code: 535)))
        #expect(error.isPermanent)
        for text in [error.description, String(reflecting: error)] {
            #expect(!text.contains(wrong) && !text.contains(Self.password) && !text.contains(Self.username), "\(text)")
        }
        #expect(try sink.receivedMessages().isEmpty)
    }

    @Test func aRelayWithoutSTARTTLSIsRefusedAndNothingIsSent() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let sink = try await SMTPSink.start()  // plain: no STARTTLS offered
        defer { sink.stop() }

        let error = try #require(await Self.sendReturningError(via: Self.relay(port: sink.port, authority: authority)))

        #expect(error == SMTPError(stage: .startTLS, reason: .tlsUnavailable))
        #expect(try sink.receivedMessages().isEmpty)
    }

    @Test func aCertificateForAnotherHostFailsTheHandshakeAndNothingIsSent() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let sink = try await SMTPSink.start(security: Self.security(try authority.issue(for: "mail.example.org")))
        defer { sink.stop() }

        let error = try #require(await Self.sendReturningError(via: Self.relay(port: sink.port, authority: authority)))

        #expect(error == SMTPError(stage: .startTLS, reason: .tlsHandshakeFailed))
        #expect(!error.isPermanent)
        #expect(try sink.receivedMessages().isEmpty)
    }

    /// NIOSSL alone accepts this one: its IP address matches the socket. A spoofed DNS answer
    /// pointing the relay's name at an address the attacker has a certificate for would pass.
    @Test func aCertificateForAnotherHostIsRefusedEvenWhenItsIPAddressMatches() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let certificate = try authority.issue(for: "mail.example.org", ipAddress: "127.0.0.1")
        let sink = try await SMTPSink.start(security: Self.security(certificate))
        defer { sink.stop() }

        let error = try #require(await Self.sendReturningError(via: Self.relay(port: sink.port, authority: authority)))

        #expect(error == SMTPError(stage: .startTLS, reason: .tlsHandshakeFailed))
        #expect(try sink.receivedMessages().isEmpty)
    }

    @Test func aRelayConfiguredByIPAddressIsVerifiedAgainstTheCertificatesIP() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let sink = try await SMTPSink.start(security: Self.security(try authority.issue(for: "mail.example.org", ipAddress: "127.0.0.1")))
        defer { sink.stop() }
        var relay = Self.relay(port: sink.port, authority: authority)
        relay.host = "127.0.0.1"

        try await SMTPClient.send(Self.message, via: relay)

        let received = try sink.receivedMessages()
        try #require(received.count == 1, "sink log: \(sink.log())")
        #expect(received[0].tls)
    }

    @Test func aCertificateFromAnUntrustedAuthorityFailsTheHandshake() async throws {
        let trusted = try TestCertificateAuthority()
        let other = try TestCertificateAuthority()
        defer {
            trusted.remove()
            other.remove()
        }
        let sink = try await SMTPSink.start(security: Self.security(try other.issue(for: "localhost")))
        defer { sink.stop() }

        let error = try #require(await Self.sendReturningError(via: Self.relay(port: sink.port, authority: trusted)))

        #expect(error == SMTPError(stage: .startTLS, reason: .tlsHandshakeFailed))
        #expect(try sink.receivedMessages().isEmpty)
    }

    @Test func implicitTLSDeliversOnItsOwnPort() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let sink = try await SMTPSink.start(security: Self.security(try authority.issue(for: "localhost"), implicit: true))
        defer { sink.stop() }

        try await SMTPClient.send(Self.message, via: Self.relay(port: sink.port, tls: .implicit, authority: authority))

        let received = try sink.receivedMessages()
        try #require(received.count == 1, "sink log: \(sink.log())")
        #expect(received[0].tls)
        #expect(received[0].authUser == Self.username)
    }
}
