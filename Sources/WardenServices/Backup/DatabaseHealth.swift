import Foundation
import Synchronization
import WardenCore

/// Whether the database file is still the one Warden opened, and still a database: what
/// ransomware breaks first, by encrypting the file in place or replacing it. Checked every
/// turn of the server's schedule; once damaged, the server stops serving (it would otherwise
/// hand out whatever pages SQLite still had in memory, or errors) until the database is
/// restored from a backup and the server restarted on it.
///
/// The finding cannot be written into the damaged database, so it goes where monitoring
/// looks: `/healthz` answers 503 with the reason, `/metrics` reports
/// `warden_database_intact 0`, and the server logs it at critical level. PostgreSQL guards
/// its own files (checksums, its own errors), so there is nothing to watch here.
public final class DatabaseHealth: Sendable {
    private let path: String?
    private let opened: (device: UInt64, inode: UInt64)?
    private let damage = Mutex<String?>(nil)
    /// The file, opened on the first check and never closed: closing any descriptor of a
    /// database file drops every POSIX lock the process holds on it, SQLite's included, and
    /// another process (a `warden` command) could then write in the middle of the server's
    /// transaction and corrupt it (sqlite.org/howtocorrupt.html, 2.2). A server checks one file
    /// for as long as it runs, so one descriptor stays open for as long.
    private let descriptor = Mutex<Int32?>(nil)

    init(_ configuration: WardenConfiguration) {
        path = configuration.isPostgres ? nil : configuration.databasePath
        opened = path.flatMap(Self.identity)
    }

    /// Why the database is damaged, once it has been found so; `nil` while it is sound.
    public var damaged: String? { damage.withLock { $0 } }

    /// Looks at the file again. Damage, once found, stays found.
    @discardableResult
    public func check() -> String? {
        if let found = damaged { return found }
        guard let path else { return nil }
        let header = descriptor.withLock { held -> [UInt8]? in
            if held == nil {
                let opened = open(path, O_RDONLY | O_CLOEXEC)
                if opened >= 0 { held = opened }
            }
            guard let held else { return nil }
            var bytes = [UInt8](repeating: 0, count: 100)
            let count = bytes.withUnsafeMutableBytes { pread(held, $0.baseAddress, 100, 0) }
            return count == 100 ? bytes : []
        }
        guard let finding = Self.inspect(path, header: header, opened: opened) else { return nil }
        damage.withLock { $0 = $0 ?? finding }
        return finding
    }

    /// `header` is the file's first 100 bytes as read through the held descriptor (`nil` when it
    /// could not be opened).
    private static func inspect(_ path: String, header: [UInt8]?, opened: (device: UInt64, inode: UInt64)?) -> String? {
        guard let now = identity(path) else { return "the database file \(path) is gone" }
        if let opened, opened != now { return "the database file \(path) was replaced by another file" }
        guard let header else { return "the database file \(path) cannot be read" }
        guard header.count == 100, header.prefix(16).elementsEqual("SQLite format 3\0".utf8) else {
            return "the database file \(path) is no longer an SQLite database (overwritten or encrypted)"
        }
        let pageSize = Int(header[16]) << 8 | Int(header[17])
        guard pageSize == 1 || (pageSize >= 512 && pageSize & (pageSize - 1) == 0), [1, 2].contains(header[18]), [1, 2].contains(header[19]) else {
            return "the database file \(path) has a damaged header"
        }
        return nil
    }

    private static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (UInt64(status.st_dev), UInt64(status.st_ino))
    }
}
