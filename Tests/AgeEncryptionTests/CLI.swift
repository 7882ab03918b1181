import Foundation

/// Runs the reference `age` tools (Debian's `age` package) for the interoperability tests.
enum CLI {
    static let age = "/usr/bin/age"
    static let ageKeygen = "/usr/bin/age-keygen"
    /// util-linux `script`, which gives `age` the terminal it insists on reading
    /// passphrases from, fed from our standard input.
    static let script = "/usr/bin/script"
    static let timeout = "/usr/bin/timeout"

    static var isAgeInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: age) && FileManager.default.isExecutableFile(atPath: ageKeygen)
    }

    static var canDriveTerminal: Bool {
        isAgeInstalled && FileManager.default.isExecutableFile(atPath: script)
            && FileManager.default.isExecutableFile(atPath: timeout)
    }

    struct Result {
        let status: Int32
        let output: Data
        let errors: String

        var outputText: String { String(decoding: output, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`, `input` on standard input, and waits for it.
    static func run(_ executable: String, _ arguments: [String], input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let standardInput = Pipe(), standardOutput = Pipe(), standardError = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardError
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
        let errors = standardError.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: output,
            errors: String(decoding: errors, as: UTF8.self)
        )
    }

    /// Runs an `age` command line under a pseudo-terminal, typing `typed` into it, with a
    /// time limit so a prompt that is never answered cannot hang the test run.
    static func runInTerminal(_ command: String, typing typed: String) throws -> Result {
        try run(timeout, ["120", script, "-qec", command, "/dev/null"], input: typed)
    }

    /// A fresh scratch directory, removed after `body`.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("age-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// Quotes a path for the `sh -c` command line `script` runs.
    static func shellQuoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
