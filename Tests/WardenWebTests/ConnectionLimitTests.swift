import Foundation
import Hummingbird
import Testing
import WardenTestSupport
import WardenWeb

/// Slow and idle clients cannot hold the server's connections: idle keep-alive connections
/// and half-sent request heads are closed after the idle timeout, trickled bodies after the
/// request timeout, and connections beyond the limit wait to be accepted.
@Suite("Connection limits", .serialized, .enabled(if: TestEngine.current == .sqlite, "the web server's timers, the same on either engine, and too tight for the busier PostgreSQL run"))
struct ConnectionLimitTests {
    static let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    /// How `/healthz`'s answer ends.
    static let healthy = #"{"status":"ok"}"#

    @Test func anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await Self.serve(WebConfiguration(port: 0, idleTimeout: .seconds(1))) { port in
            let connection = try RawConnection(port: port)
            // The idle second starts once the answer is written, so after this: a lower bound.
            let sent = Date()
            #expect(connection.send(Self.request))
            let answered = await connection.readAsync(for: 5, until: Self.healthy)
            #expect(answered.text.hasPrefix("HTTP/1.1 200"), "\(answered.text)")
            #expect(!answered.closed, "keep-alive holds the connection for a next request")
            let later = await connection.readAsync(for: 8)
            // Closed within the read's eight seconds, and not before the idle second had passed.
            // (No tighter bound: on a loaded machine the server's timer may fire late.)
            #expect(later.closed, "an idle keep-alive connection stays open")
            #expect(Date().timeIntervalSince(sent) >= 0.9)
        }
    }

    @Test func aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() async throws {
        try await Self.serve(WebConfiguration(port: 0, idleTimeout: .seconds(1))) { port in
            let connection = try RawConnection(port: port)
            let result = await connection.readAsync(for: 4)
            #expect(result.closed)
        }
    }

    @Test func aHalfSentRequestHeadIsClosedAfterTheIdleTimeout() async throws {
        try await Self.serve(WebConfiguration(port: 0, idleTimeout: .seconds(1))) { port in
            let connection = try RawConnection(port: port)
            var closed = false
            var lines = 0
            // A slowloris client: a header line every half second, never the blank line.
            for line in 0..<12 where !closed {
                connection.send(line == 0 ? "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" : "X-Slow-\(line): a\r\n")
                lines += 1
                closed = await connection.readAsync(for: 0.5).closed
            }
            #expect(closed, "a request head sent a line at a time keeps the connection open")
            // Closed while the client was still sending lines, by the server's timer, however
            // late a loaded machine fires it (a wall-clock bound failed under a busy suite).
            #expect(lines < 12)
        }
    }

    @Test func aTrickledBodyIsClosedAfterTheRequestTimeout() async throws {
        try await Self.serve(WebConfiguration(port: 0, idleTimeout: .seconds(1), requestTimeout: .seconds(2))) { port in
            let connection = try RawConnection(port: port)
            connection.send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            var closed = false
            var sent = 0
            // A byte every 0.4 s: never idle for a second, never finished.
            for _ in 0..<20 where !closed {
                connection.send(" ")
                sent += 1
                closed = await connection.readAsync(for: 0.4).closed
            }
            #expect(closed, "a body trickled a byte at a time keeps the connection open")
            // Closed while the client was still trickling, by the request timer, however late a
            // loaded machine fires it (a wall-clock bound failed under a busy suite).
            #expect(sent < 20)
        }
    }

    @Test func connectionsBeyondTheLimitWaitToBeAccepted() async throws {
        try await Self.serve(WebConfiguration(port: 0, idleTimeout: .seconds(10), maxConnections: 2)) { port in
            let first = try RawConnection(port: port)
            let second = try RawConnection(port: port)
            #expect(first.send(Self.request))
            // Generous waits where an answer is due (they end as soon as it comes): a loaded machine is slow.
            #expect(await first.readAsync(for: 5, until: Self.healthy).text.hasPrefix("HTTP/1.1 200"))
            #expect(second.send(Self.request))
            #expect(await second.readAsync(for: 5, until: Self.healthy).text.hasPrefix("HTTP/1.1 200"))
            let third = try RawConnection(port: port)
            #expect(third.send(Self.request))
            let waiting = await third.readAsync(for: 1)
            #expect(waiting.text.isEmpty, "a third connection is served beyond a limit of two")
            first.hangUp()
            let served = await third.readAsync(for: 8, until: Self.healthy)
            #expect(served.text.hasPrefix("HTTP/1.1 200"), "the waiting connection is served once another closes")
            second.hangUp()
        }
    }

    /// Runs Warden's real server on a free loopback port until `body` ends.
    static func serve(_ configuration: WebConfiguration, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let test = try await TestWarden.make()
        let port = PortBox()
        let app = try await buildApplication(warden: test.warden, configuration: configuration) { await port.set($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            let listening = try await port.wait()
            do {
                try await body(listening)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}

/// The port the server reports once it listens.
actor PortBox {
    private var port: Int?

    func set(_ port: Int) { self.port = port }

    func wait() async throws -> Int {
        for _ in 0..<500 {
            if let port { return port }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw RawConnection.ConnectionError("the server did not start")
    }
}
