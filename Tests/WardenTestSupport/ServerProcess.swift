public import Foundation
#if canImport(FoundationNetworking)
public import FoundationNetworking
#endif

/// A `warden serve` process, as an operator starts one: for the tests that kill servers and
/// take the database away under load. Its standard error (JSON log lines) goes to a file the
/// test reads.
public final class ServerProcess: Sendable {
    public let port: Int
    public let log: URL
    private let process: Process

    /// Starts `warden serve` on `database` with the key ring and witness directory given, on a
    /// free port, and waits until it answers `/healthz`.
    public init(database: String, keyRing: String, witness: String, in directory: URL, environment: [String: String] = [:],
                arguments: [String] = []) async throws {
        port = try Self.freePort()
        log = directory.appendingPathComponent("server-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--db", database, "--keyring", keyRing, "--witness", witness, "--port", String(port)] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        for _ in 0..<200 {
            if let (status, _) = try? await request("GET", "/healthz", token: nil), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "warden serve did not answer on port \(port)"])
    }

    /// Kills the process at once (SIGKILL): no graceful shutdown, no last checkpoint.
    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the process as an operator would (SIGINT) and waits for it.
    public func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// What the server has logged so far.
    public var logged: String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    /// One request; the status and body, or a thrown error when nothing answered.
    public func request(_ method: String, _ path: String, token: String?, json: String? = nil, timeout: TimeInterval = 10) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!, timeoutInterval: timeout)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The `warden` binary built beside the test bundle.
    public static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("warden").path) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("warden")
    }

    /// A port found free: the bound socket closes at once, so `warden serve` can take it.
    private static func freePort() throws -> Int {
        try BoundPort().port
    }
}
