public import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A real SMTP server (aiosmtpd, via `Resources/smtp_sink.py`) running as a child process on
/// 127.0.0.1 for the duration of one test.
public final class SMTPSink: @unchecked Sendable {
    /// How the sink treats `RCPT TO` and `EHLO`.
    public enum Mode: Sendable {
        case accept
        case rcptReply(Int)
        case rejectEHLO
        /// Refuses this one recipient with 550 and accepts the others.
        case refuseRecipient(String)

        var arguments: [String] {
            switch self {
            case .accept: []
            case .rcptReply(let code): ["--rcpt-reply", String(code)]
            case .rejectEHLO: ["--reject-ehlo"]
            case .refuseRecipient(let address): ["--refuse-rcpt", address]
            }
        }
    }

    /// TLS and `AUTH` for the sink: off unless asked for, so the plain tests stay plain.
    public struct Security: Sendable {
        /// The certificate the sink presents and how it offers TLS.
        public struct TLS: Sendable {
            /// PEM files: the server certificate (chain) and its private key.
            public var certificatePath: String
            public var keyPath: String
            /// TLS from the first byte (RFC 8314) instead of offering `STARTTLS`.
            public var implicit: Bool

            public init(certificatePath: String, keyPath: String, implicit: Bool = false) {
                self.certificatePath = certificatePath
                self.keyPath = keyPath
                self.implicit = implicit
            }
        }

        /// The one account the sink accepts; mail without `AUTH` is refused (530), and `AUTH`
        /// is offered only over TLS.
        public struct Authentication: Sendable {
            public var username: String
            public var password: String
            /// Offer `AUTH LOGIN` alone, as some older relays do.
            public var loginOnly: Bool

            public init(username: String, password: String, loginOnly: Bool = false) {
                self.username = username
                self.password = password
                self.loginOnly = loginOnly
            }
        }

        public var tls: TLS?
        public var authentication: Authentication?

        public init(tls: TLS? = nil, authentication: Authentication? = nil) {
            self.tls = tls
            self.authentication = authentication
        }

        /// Neither TLS nor `AUTH`.
        public static let none = Security()

        var arguments: [String] {
            var arguments: [String] = []
            if let tls {
                arguments += ["--tls-cert", tls.certificatePath, "--tls-key", tls.keyPath]
                if tls.implicit { arguments.append("--implicit-tls") }
            }
            if let authentication {
                arguments += ["--auth", "\(authentication.username):\(authentication.password)"]
                if authentication.loginOnly { arguments.append("--auth-login-only") }
            }
            return arguments
        }
    }

    /// One message as the sink saved it.
    public struct Received: Decodable, Sendable {
        public var helo: String?
        public var mailFrom: String
        public var rcptTos: [String]
        public var raw: String
        public var rawIsAscii: Bool
        public var parsedSubject: String
        public var parsedBody: String?
        public var parsedContentType: String
        public var parsedCharset: String?
        /// The message came over TLS (`STARTTLS` or implicit).
        public var tls: Bool
        /// The user the client authenticated as, or `nil` without `AUTH`.
        public var authUser: String?
    }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: Int
    public let directory: URL
    private let process: Process
    private let output: OutputBuffer
    private let logFile: URL

    /// Why the sink cannot run on this machine (no `python3`, or no aiosmtpd module), or nil when
    /// it can. `start()` throws this, so tests that need a real SMTP server fail rather than skip.
    public static let unavailableReason: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import aiosmtpd"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let fix = "scripts/test installs it (or: python3 -m pip install aiosmtpd)"
        do {
            try process.run()
        } catch {
            return "the SMTP tests need python3 with the aiosmtpd module, and python3 could not be run (\(error)): \(fix)"
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return "the SMTP tests need python3 with the aiosmtpd module, which is not installed: \(fix)"
        }
        return nil
    }()

    private init(port: Int, directory: URL, process: Process, output: OutputBuffer, logFile: URL) {
        self.port = port
        self.directory = directory
        self.process = process
        self.output = output
        self.logFile = logFile
    }

    /// Starts the sink on a free port and waits until it prints "ready". Throws at once, saying
    /// what to install, when aiosmtpd is missing.
    public static func start(_ mode: Mode = .accept, security: Security = .none) async throws -> SMTPSink {
        if let unavailableReason { throw StartError(description: unavailableReason) }
        guard let script = Bundle.module.url(forResource: "smtp_sink", withExtension: "py") else {
            throw StartError(description: "smtp_sink.py is missing from the test bundle")
        }
        var lastError: (any Error)?
        // A free port can be taken by someone else between our check and Python's bind: retry.
        for _ in 0..<3 {
            let port = try await freePort()
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("warden-smtp-sink-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let logFile = directory.appendingPathComponent("sink.log")
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)

            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, String(port), directory.appendingPathComponent("mail").path]
                + mode.arguments + security.arguments
            let stdout = Pipe()
            process.standardOutput = stdout
            process.standardError = try FileHandle(forWritingTo: logFile)
            let output = OutputBuffer()
            stdout.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty {
                    handle.readabilityHandler = nil
                    return
                }
                output.append(String(decoding: data, as: UTF8.self))
            }
            try process.run()
            let sink = SMTPSink(port: port, directory: directory, process: process, output: output, logFile: logFile)
            do {
                try await sink.waitUntilReady()
                return sink
            } catch {
                sink.stop()
                lastError = error
            }
        }
        throw lastError ?? StartError(description: "sink did not start")
    }

    private func waitUntilReady() async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if output.contains("ready") { return }
            if !process.isRunning {
                throw StartError(description: "smtp_sink.py exited early: \(log())")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StartError(description: "smtp_sink.py did not print ready within 20 s: \(log())")
    }

    /// The sink's stderr, for failure messages.
    public func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Messages saved so far, oldest first.
    public func receivedMessages() throws -> [Received] {
        let mailDirectory = directory.appendingPathComponent("mail")
        let names = try FileManager.default.contentsOfDirectory(atPath: mailDirectory.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .sorted()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try names.map { name in
            try decoder.decode(Received.self, from: Data(contentsOf: mailDirectory.appendingPathComponent(name)))
        }
    }

    /// Terminates the Python process (SIGTERM, then SIGKILL) and removes its files.
    public func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline {
                usleep(20_000)
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A port nothing listens on right now: bind port 0 on loopback, read it, close.
    public static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let port = channel.localAddress?.port
        try await channel.close()
        guard let port else { throw StartError(description: "could not find a free port") }
        return port
    }
}

/// The sink's stdout, filled from a `FileHandle` callback thread.
final class OutputBuffer: Sendable {
    private let text = Mutex("")

    func append(_ string: String) {
        text.withLock { $0 += string }
    }

    func contains(_ needle: String) -> Bool {
        text.withLock { $0.contains(needle) }
    }
}
