import Foundation

/// `Resources/starttls_injector.py`: a fake relay that answers `STARTTLS` with `220` and a
/// forged `250` in one write, then records what a client sends it over TLS.
final class STARTTLSInjector {
    /// What the fake relay saw.
    struct Result: Decodable {
        /// A TLS handshake completed.
        var tls: Bool
        /// The command verbs the client sent over TLS.
        var commands: [String]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    private let process: Process
    private let stdout: FileHandle

    /// Starts the fake relay with this certificate and waits for its port.
    init(certificatePath: String, keyPath: String) throws {
        guard let script = Bundle.module.url(forResource: "starttls_injector", withExtension: "py") else {
            throw Failure(description: "starttls_injector.py is missing from the test bundle")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, certificatePath, keyPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        stdout = pipe.fileHandleForReading
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.availableData
            guard !chunk.isEmpty else { throw Failure(description: "starttls_injector.py exited before it was ready") }
            line.append(chunk)
        }
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[0] == "ready", let port = Int(words[1]) else {
            throw Failure(description: "starttls_injector.py printed \(words) instead of ready PORT")
        }
        self.port = port
    }

    /// Stops the fake relay if a failed test never let it finish.
    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Waits for the fake relay to finish with its one client and returns what it saw.
    func result() throws -> Result {
        let output = stdout.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(Result.self, from: output)
    }
}
