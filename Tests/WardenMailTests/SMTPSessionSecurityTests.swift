import Foundation
import Testing

@testable import WardenMail

/// `STARTTLS` (RFC 3207) and `AUTH` (RFC 4954) in the session state machine, without a network.
@Suite struct SMTPSessionSecurityTests {
    static let credentials = SMTPCredentials(username: "party", password: "s3cret")
    static let ehloTLS = SMTPReply(code: 250, lines: ["relay.example", "PIPELINING", "SIZE 10240000", "STARTTLS", "8BITMIME"])
    static let ehloAuth = SMTPReply(code: 250, lines: ["relay.example", "AUTH PLAIN LOGIN", "SIZE 10240000"])
    static func reply(_ code: Int, _ text: String = "text") -> SMTPReply {
        SMTPSessionTests.reply(code, text)
    }

    static func session(requiresTLS: Bool = true, isEncrypted: Bool = false, credentials: SMTPCredentials? = credentials) -> SMTPSession {
        SMTPSession(
            heloName: "warden.test",
            envelopes: [.init(sender: "noreply@party.example", recipient: "member@example.org", data: SMTPSessionTests.data)],
            requiresTLS: requiresTLS, isEncrypted: isEncrypted, credentials: credentials
        )
    }

    @Test func startTLSThenGreetsAgainThenAuthenticatesThenSends() {
        var session = Self.session()
        #expect(session.receive(reply: Self.reply(220, "")) == .sendCommand("EHLO warden.test"))
        #expect(session.receive(reply: Self.ehloTLS) == .sendCommand("STARTTLS"))
        #expect(session.state == .awaitingStartTLSReply)
        #expect(session.receive(reply: Self.reply(220, "go ahead")) == .startTLS)
        #expect(session.state == .awaitingTLSHandshake)
        #expect(!session.isEncrypted)
        #expect(session.tlsEstablished() == .sendCommand("EHLO warden.test"))
        #expect(session.isEncrypted)
        #expect(session.capabilities == SMTPCapabilities())  // forgotten: announced in the clear
        // "\0party\0s3cret" in base64.
        #expect(session.receive(reply: Self.ehloAuth) == .sendCommand("AUTH PLAIN AHBhcnR5AHMzY3JldA=="))
        #expect(session.state == .awaitingAuthenticationReply(.plain))
        #expect(session.receive(reply: Self.reply(235)) == .sendCommand("MAIL FROM:<noreply@party.example>"))
    }

    @Test func refusesToContinueWithoutSTARTTLSOffered() {
        var session = Self.session()
        _ = session.receive(reply: Self.reply(220))
        #expect(session.receive(reply: Self.ehloAuth) == .quit)
        #expect(session.outcomes == [.failed(SMTPError(stage: .startTLS, reason: .tlsUnavailable))])
        #expect(!SMTPError(stage: .startTLS, reason: .tlsUnavailable).isPermanent)
    }

    @Test func aRelayThatDoesNotKnowEHLOCannotOfferTLSOrAuth() {
        var tls = Self.session(credentials: nil)
        _ = tls.receive(reply: Self.reply(220))
        #expect(tls.receive(reply: Self.reply(502)) == .quit)
        #expect(tls.outcomes == [.failed(SMTPError(stage: .startTLS, reason: .tlsUnavailable))])

        var auth = Self.session(requiresTLS: false)
        _ = auth.receive(reply: Self.reply(220))
        #expect(auth.receive(reply: Self.reply(502)) == .quit)
        #expect(auth.outcomes == [.failed(SMTPError(stage: .authentication, reason: .authenticationUnavailable))])
    }

    @Test func startTLSRefusedOrHandshakeFailedEndsTheSession() {
        var refused = Self.session()
        _ = refused.receive(reply: Self.reply(220))
        _ = refused.receive(reply: Self.ehloTLS)
        #expect(refused.receive(reply: Self.reply(454)) == .quit)
        #expect(refused.outcomes == [.failed(SMTPError(stage: .startTLS, reason: .reply(code: 454)))])

        var failed = Self.session()
        _ = failed.receive(reply: Self.reply(220))
        _ = failed.receive(reply: Self.ehloTLS)
        _ = failed.receive(reply: Self.reply(220))
        // No QUIT: the connection is in an unknown state.
        #expect(failed.tlsFailed() == .close)
        #expect(failed.outcomes == [.failed(SMTPError(stage: .startTLS, reason: .tlsHandshakeFailed))])
    }

    @Test func aReplyBeforeTheHandshakeIsInjectedAndRefused() {
        var session = Self.session()
        _ = session.receive(reply: Self.reply(220))
        _ = session.receive(reply: Self.ehloTLS)
        _ = session.receive(reply: Self.reply(220))
        #expect(session.receive(reply: Self.ehloAuth) == .close)
        #expect(session.outcomes == [.failed(SMTPError(stage: .startTLS, reason: .malformedReply))])
    }

    @Test func implicitTLSGoesStraightToAuth() {
        var session = Self.session(isEncrypted: true)
        _ = session.receive(reply: Self.reply(220))
        #expect(session.receive(reply: Self.ehloAuth) == .sendCommand("AUTH PLAIN AHBhcnR5AHMzY3JldA=="))
    }

    @Test func fallsBackToAuthLoginWhenOnlyThatIsOffered() {
        var session = Self.session(isEncrypted: true)
        _ = session.receive(reply: Self.reply(220))
        #expect(session.receive(reply: SMTPReply(code: 250, lines: ["relay", "AUTH=LOGIN"])) == .sendCommand("AUTH LOGIN"))
        #expect(session.receive(reply: Self.reply(334, "VXNlcm5hbWU6")) == .sendCommand("cGFydHk="))
        #expect(session.receive(reply: Self.reply(334, "UGFzc3dvcmQ6")) == .sendCommand("czNjcmV0"))
        #expect(session.state == .awaitingAuthenticationReply(.loginResult))
        #expect(session.receive(reply: Self.reply(235)) == .sendCommand("MAIL FROM:<noreply@party.example>"))
    }

    @Test(arguments: [535, 454, 534])
    func refusedCredentialsEndTheSession(code: Int) {
        var session = Self.session(isEncrypted: true)
        _ = session.receive(reply: Self.reply(220))
        _ = session.receive(reply: Self.ehloAuth)
        #expect(session.receive(reply: Self.reply(code, "5.7.8 Authentication credentials invalid")) == .quit)
        let error = SMTPError(stage: .authentication, reason: .reply(code: code))
        #expect(session.outcomes == [.failed(error)])
        #expect(error.isPermanent == (code >= 500))
        #expect(!error.description.contains("s3cret"))
    }

    @Test func authLoginPromptRefusedEndsTheSession() {
        var session = Self.session(isEncrypted: true)
        _ = session.receive(reply: Self.reply(220))
        _ = session.receive(reply: SMTPReply(code: 250, lines: ["relay", "AUTH LOGIN"]))
        _ = session.receive(reply: Self.reply(334))
        #expect(session.receive(reply: Self.reply(535)) == .quit)
        #expect(session.outcomes == [.failed(SMTPError(stage: .authentication, reason: .reply(code: 535)))])
    }

    @Test func noSupportedMechanismIsRefused() {
        var session = Self.session(isEncrypted: true)
        _ = session.receive(reply: Self.reply(220))
        #expect(session.receive(reply: SMTPReply(code: 250, lines: ["relay", "AUTH CRAM-MD5 XOAUTH2"])) == .quit)
        #expect(session.outcomes == [.failed(SMTPError(stage: .authentication, reason: .authenticationUnavailable))])
    }

    @Test func capabilitiesAreParsedFromTheEHLOLines() {
        let capabilities = SMTPCapabilities(ehloReplyLines: ["relay.example greets you", "starttls", "AUTH=PLAIN", "auth login xoauth2", "SIZE 35882577"])
        #expect(capabilities.startTLS)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN", "XOAUTH2"])
        #expect(capabilities.maximumSize == 35_882_577)
        // The greeting line is not a keyword, and SIZE 0 means no limit.
        let none = SMTPCapabilities(ehloReplyLines: ["STARTTLS", "SIZE 0"])
        #expect(!none.startTLS)
        #expect(none.maximumSize == nil)
    }

    @Test func aMessageOverTheAnnouncedSizeIsNotSent() {
        var session = Self.session(requiresTLS: false, credentials: nil)
        _ = session.receive(reply: Self.reply(220))
        #expect(session.receive(reply: SMTPReply(code: 250, lines: ["relay", "SIZE 10"])) == .quit)
        #expect(session.outcomes == [.failed(SMTPError(stage: .sender, reason: .messageTooLarge))])
    }

    @Test func credentialsAndRelayConfigurationNeverPrintThePassword() {
        let relay = SMTPRelay(host: "smtp.provider.example", port: 587, sender: "news@party.example", tls: .startTLS, credentials: Self.credentials)
        for text in [String(describing: relay), String(reflecting: relay), String(describing: Self.credentials)] {
            #expect(!text.contains("s3cret"), "\(text)")
        }
        var dumped = ""
        dump(relay, to: &dumped)
        #expect(!dumped.contains("s3cret"))
    }

    @Test func credentialsWithoutTLSAreRefusedUnlessLoopbackIsExplicitlyAllowed() {
        let refusal = SMTPError(stage: .preparing, reason: .credentialsWithoutTLS)
        #expect(SMTPRelay(host: "smtp.provider.example", sender: "a@party.example", credentials: Self.credentials).configurationError == refusal)
        #expect(SMTPRelay(host: "127.0.0.1", sender: "a@party.example", credentials: Self.credentials).configurationError == refusal)
        #expect(
            SMTPRelay(host: "10.0.0.5", sender: "a@party.example", credentials: Self.credentials, allowsPlaintextAuthenticationOnLoopback: true)
                .configurationError == refusal)
        for host in ["127.0.0.1", "localhost", "::1"] {
            #expect(
                SMTPRelay(host: host, sender: "a@party.example", credentials: Self.credentials, allowsPlaintextAuthenticationOnLoopback: true)
                    .configurationError == nil)
        }
        #expect(SMTPRelay(host: "smtp.provider.example", sender: "a@party.example", tls: .startTLS, credentials: Self.credentials).configurationError == nil)
        #expect(refusal.isPermanent)
    }
}
