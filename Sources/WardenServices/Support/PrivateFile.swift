import Foundation
import WardenCore

/// Files that are private from the moment they exist: created with mode 0600 in the same
/// call that creates them (never chmod'ed after), and never over an existing file.
public enum PrivateFile {
    /// Writes `bytes` to a new file at `path`; refuses if something is already there.
    public static func create(_ path: String, bytes: [UInt8]) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw WardenError.conflict("\(path): already exists; choose another name") }
            throw failure(path)
        }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else {
                throw failure(path)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw failure(path) }
    }

    /// The error for the last system call on `path`: the path and the system's reason, never the contents.
    private static func failure(_ path: String) -> WardenError {
        .invalidRequest("\(path): \(String(cString: strerror(errno)))")
    }
}
