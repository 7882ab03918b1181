import NIOCore
import NIOPosix
import Testing

@testable import WardenMail
import WardenTestSupport

/// Network failures against real sockets on 127.0.0.1; no Python needed.
@Suite struct SMTPNetworkFailureTests {
    @Test func connectionRefusedIsTransient() async throws {
        let refusing = try BoundPort()  // bound, never listening, held until the test ends
        let error = try await SMTPDeliveryTests.sendExpectingError(port: refusing.port)
        withExtendedLifetime(refusing) {}
        #expect(error == SMTPError(stage: .connect, reason: .connectionFailed))
        #expect(!error.isPermanent)
    }

    @Test func silentServerTimesOutAtTheGreeting() async throws {
        // A real TCP listener that accepts the connection and never says anything.
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let port = try #require(server.localAddress?.port)
        defer { server.close(promise: nil) }

        let started = ContinuousClock.now
        let error = try await SMTPDeliveryTests.sendExpectingError(port: port, timeout: .milliseconds(300))
        let elapsed = ContinuousClock.now - started
        #expect(error == SMTPError(stage: .greeting, reason: .timedOut))
        #expect(!error.isPermanent)
        // Under the 30 s default: the 300 ms step timeout fired rather than the send hanging.
        // The bound is loose because the full suite loads both cores (25 s has been seen).
        #expect(elapsed < .seconds(29))
    }
}
