import Foundation
import WardenCore

/// A backup directory's files: `warden-20261130-151500Z.age` and its manifest in the clear
/// beside it (`….age.manifest.json`, only sizes and hashes). A file is written under a
/// temporary name and linked to its own once complete and on disk, so a crash leaves a
/// `.partial` file or nothing, never a half backup under a backup's name, and a name once
/// used is never written again.
enum BackupFiles {
    static let suffix = ".age"
    static let partialSuffix = ".partial"

    static func manifestPath(of file: String) -> String { file + "." + BackupManifest.manifestName }

    /// Creates the next backup file in `directory`, lets `write` fill it, and gives it its name.
    static func create<T>(in directory: String, at instant: Timestamp, write: (FileHandle) throws -> T) throws -> (String, T) {
        let base = URL(fileURLWithPath: directory).appendingPathComponent("warden-" + stamp(instant)).path
        var attempt = 1
        while true {
            let file = base + (attempt == 1 ? "" : "-\(attempt)") + suffix
            let partial = file + partialSuffix
            // A name taken (a backup this second, or one being written) goes to the next.
            if FileManager.default.fileExists(atPath: file) {
                attempt += 1
                continue
            }
            let descriptor = open(partial, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if descriptor < 0, errno == EEXIST {
                attempt += 1
                continue
            }
            guard descriptor >= 0 else { throw failure(partial) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do {
                let result = try write(handle)
                try handle.synchronize()
                try handle.close()
                // link() refuses an existing name: nothing is ever written over.
                guard link(partial, file) == 0 else {
                    if errno == EEXIST { unlink(partial); attempt += 1; continue }
                    throw failure(file)
                }
                unlink(partial)
                syncDirectory(directory)
                return (file, result)
            } catch {
                try? handle.close()
                unlink(partial)
                throw error
            }
        }
    }

    /// The backups in `directory`, each with its manifest, oldest first; files without a
    /// readable manifest are listed with none.
    static func list(_ directory: String) throws -> [(file: String, manifest: BackupManifest?)] {
        // By name without the suffix: `warden-X` before `warden-X-2`, taken the same second.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(suffix) }
            .sorted { $0.dropLast(suffix.count).lexicographicallyPrecedes($1.dropLast(suffix.count)) }
        return names.map { name in
            let file = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            let manifest = FileManager.default.contents(atPath: manifestPath(of: file))
                .flatMap { try? JSONDecoder().decode(BackupManifest.self, from: $0) }
            return (file, manifest)
        }
    }

    /// `.partial` files left by a backup that never finished (a crash, a full disk), older than
    /// `seconds`: they were never backups.
    static func abandoned(in directory: String, olderThan seconds: TimeInterval) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(suffix + partialSuffix) }.map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
            .filter { path in
                let attributes = try? FileManager.default.attributesOfItem(atPath: path)
                return Date().timeIntervalSince(attributes?[.modificationDate] as? Date ?? .distantPast) > seconds
            }
    }

    private static func stamp(_ instant: Timestamp) -> String {
        // 2026-11-30T15:15:00Z → 20261130-151500Z
        let text = instant.description.filter { $0 != "-" && $0 != ":" }
        return text.replacingOccurrences(of: "T", with: "-")
    }

    static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    static func failure(_ path: String) -> WardenError {
        .invalidRequest("\(path): \(String(cString: strerror(errno)))")
    }
}

/// A private folder for a backup's plaintext snapshot, beside the database (on storage
/// trusted with it, and not in the backup directory, which may be copied off the machine),
/// removed with everything in it when the backup is done.
struct ScratchDirectory: Sendable {
    let root: String

    init(near databasePath: String) throws {
        let parent = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        var template = Array((parent + "/.warden-scratch-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }) else {
            throw BackupFiles.failure(parent)
        }
        root = made
    }

    func path(_ name: String) -> String { root + "/" + name }

    /// An empty file, 0600 from creation, for SQLite to write a copy into.
    func emptyFile(_ name: String) throws -> String {
        let file = path(name)
        try PrivateFile.create(file, bytes: [])
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
