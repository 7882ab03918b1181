import Foundation

/// Runs a Python Selenium script and returns what it printed; its errors fail the test.
enum Browser {
    /// What the browser test needs and this machine lacks: Debian's Chromium, its driver, Selenium.
    static func missingPeers() -> [String] {
        var missing = ["/usr/bin/chromium", "/usr/bin/chromedriver"].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        if (try? run("import selenium", arguments: [])) == nil { missing.append("python3 with the selenium module") }
        return missing
    }

    static func run(_ script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BrowserError(message: errors.suffix(4_000).description) }
        return output
    }

    struct BrowserError: Error, CustomStringConvertible {
        var message: String
        var description: String { "the browser script failed: \(message)" }
    }
}

extension Browser {
    /// Whether axe-core is at hand (the copy PyPI's axe-playwright-python carries; installed
    /// without its dependencies, since only the script is used).
    static func hasAxe() -> Bool {
        (try? run("import importlib.util, sys; sys.exit(importlib.util.find_spec('axe_playwright_python') is None)", arguments: [])) != nil
    }
}
