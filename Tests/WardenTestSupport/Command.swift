public import Foundation

/// A program run to its end, its standard output and error together: for the tests that
/// drive real tools (`age`, `tar`, `mount`, `swiftc`).
public enum Command {
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `command` through `/bin/sh -c`.
    public static func shell(_ command: String) throws -> (status: Int32, output: String) {
        try run("/bin/sh", ["-c", command])
    }
}
