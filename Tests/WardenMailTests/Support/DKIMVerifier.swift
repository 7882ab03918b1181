import Foundation

/// dkimpy (`Resources/dkim_verify.py`), an independent DKIM verifier, run on a message with the
/// test's keys published through a stub resolver. Without dkimpy (and PyNaCl, which it needs
/// for Ed25519) the tests that use it fail, saying what to install.
enum DKIMVerifier {
    struct Signature: Decodable, Sendable {
        var domain: String?
        var selector: String?
        var algorithm: String?
        var valid: Bool
        var error: String?
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Output: Decodable {
        var signatures: [Signature]
    }

    static let unavailableReason: String? = {
        let fix = "scripts/test installs them (or: python3 -m pip install dkimpy pynacl)"
        do {
            let (status, _, _) = try run(["python3", "-c", "import dkim, nacl.signing"])
            return status == 0 ? nil : "the DKIM tests need python3 with dkimpy and PyNaCl, which are not installed: \(fix)"
        } catch {
            return "the DKIM tests need python3 with dkimpy and PyNaCl, and python3 could not be run (\(error)): \(fix)"
        }
    }()

    /// Verifies every `DKIM-Signature` of `message`; `records` maps record names
    /// (`selector._domainkey.domain`) to TXT text.
    static func verify(_ message: String, records: [String: String]) throws -> [Signature] {
        if let unavailableReason { throw Failure(description: unavailableReason) }
        guard let script = Bundle.module.url(forResource: "dkim_verify", withExtension: "py") else {
            throw Failure(description: "dkim_verify.py is missing from the test bundle")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-dkim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let messageFile = directory.appendingPathComponent("message.eml")
        let recordsFile = directory.appendingPathComponent("records.json")
        try Data(message.utf8).write(to: messageFile)
        try JSONEncoder().encode(records).write(to: recordsFile)
        let (status, stdout, stderr) = try run(["python3", script.path, messageFile.path, recordsFile.path])
        guard status == 0 else { throw Failure(description: "dkim_verify.py failed (\(status)): \(stderr)") }
        return try JSONDecoder().decode(Output.self, from: stdout).signatures
    }

    private static func run(_ arguments: [String]) throws -> (Int32, Data, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, String(decoding: errors, as: UTF8.self))
    }
}
