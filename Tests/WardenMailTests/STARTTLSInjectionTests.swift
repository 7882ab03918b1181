import Foundation
import NIOCore
import NIOEmbedded
import Testing

@testable import WardenMail

/// STARTTLS response injection (CVE-2011-0411 class, RFC 3207 §6): whatever arrives in the clear
/// after the `220` to `STARTTLS` must fail the session, never be read as a reply after the
/// handshake.
@Suite(.serialized)
struct STARTTLSInjectionTests {
    @Test func theDecoderTalliesLinesAndAnUnfinishedLine() throws {
        let channel = EmbeddedChannel()
        let tally = NIOLoopBoundBox(SMTPLineTally(), eventLoop: channel.eventLoop)
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder(tally: tally)))

        // The reply and the injected line in one segment.
        try channel.writeInbound(ByteBuffer(string: "220 go ahead\r\n250 fake\r\n"))
        #expect(try channel.readInbound(as: String.self) == "220 go ahead")
        #expect(tally.value == SMTPLineTally(linesDecoded: 2, bufferedBytes: 0))
        #expect(tally.value.hasUnreadInput(linesRead: 1))  // the client read the 220 only
        #expect(!tally.value.hasUnreadInput(linesRead: 2))

        // Part of a line, without its end, counts too.
        try channel.writeInbound(ByteBuffer(string: "25"))
        #expect(tally.value == SMTPLineTally(linesDecoded: 2, bufferedBytes: 2))
        #expect(tally.value.hasUnreadInput(linesRead: 2))
        _ = try channel.finish()
    }

    @Test func anInjectedReplyFailsTheSessionBeforeTheHandshake() async throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let certificate = try authority.issue(for: "localhost")
        let injector = try STARTTLSInjector(certificatePath: certificate.certificatePath, keyPath: certificate.keyPath)
        let relay = SMTPRelay(
            host: "localhost", port: injector.port, heloName: "warden.test", sender: "noreply@party.example",
            timeout: .seconds(60), tls: .startTLS, trustRoots: .certificateFile(path: authority.certificatePath)
        )

        let error = try #require(await SMTPSecureDeliveryTests.sendReturningError(via: relay))
        let seen = try injector.result()

        #expect(error == SMTPError(stage: .startTLS, reason: .malformedReply))
        #expect(!error.isPermanent)
        // Closed before the handshake: nothing went over TLS, so nothing was read as "250 fake".
        #expect(!seen.tls)
        #expect(seen.commands.isEmpty)
    }
}
