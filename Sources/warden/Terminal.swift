#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WardenCore

/// Output helpers: lines to standard output, a progress bar only on a terminal.
enum Terminal {
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }

    /// A one-line progress bar on standard error: `[#########           ] 45%  450,000 rows`.
    static func progress(rows: Int, bytes: Int, total: Int) {
        guard isInteractive, total > 0 else { return }
        let fraction = min(1, Double(bytes) / Double(total))
        let filled = Int(fraction * 30)
        var stream = StandardError()
        print("\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: 30 - filled))] \(Int(fraction * 100))%  \(rows) rows",
              terminator: fraction >= 1 ? "\n" : "", to: &stream)
    }

    /// Reads a line without echo (a password), or `nil` when standard input is not a terminal.
    static func readSecret(prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var stream = StandardError()
        print(prompt, terminator: "", to: &stream)
        var settings = termios()
        tcgetattr(STDIN_FILENO, &settings)
        var silent = settings
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
            print("", to: &stream)
        }
        return readLine()
    }

    struct StandardError: TextOutputStream {
        mutating func write(_ string: String) {
            var bytes = Array(string.utf8)
            _ = Glibc.write(STDERR_FILENO, &bytes, bytes.count)
            bytes.removeAll()
        }
    }
}

extension Terminal {
    /// Prints a line to standard output and flushes it at once, so that a supervisor or a
    /// pipe sees progress messages before the server starts.
    ///
    /// Every line may hold text from outside (names, usernames, reasons): control and bidi
    /// characters are shown as `\u{…}` escapes rather than sent to the terminal.
    static func say(_ message: String) {
        var bytes = Array((SafeText.block(message) + "\n").utf8)
        _ = Glibc.write(STDOUT_FILENO, &bytes, bytes.count)
        bytes.removeAll()
    }
}
