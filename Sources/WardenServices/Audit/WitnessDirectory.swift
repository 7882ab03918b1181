import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import WardenCore
import TransparencyLog

/// The folder outside the database where a server keeps the log's history as it saw it, for
/// an attacker who rewrites the database to run into:
///
/// - `checkpoints`: every signed checkpoint note, appended; `latest`: the newest one.
/// - `links`: one line per checkpoint after the first, holding the RFC 9162 consistency proof
///   from the one before and how many entries of each kind it added. With them a backup's
///   checkpoint can be shown to be a prefix of the newest witnessed one after the database
///   that could prove it is gone, and a restore can say what kinds of change it lost.
/// - `before-restore-N/`: the history as it stood when the database was restored from a
///   backup of N entries, kept whole so an auditor sees the loss rather than a rewrite.
struct WitnessDirectory: Sendable {
    let path: String

    static let historyName = "checkpoints"
    static let latestName = "latest"
    static let linksName = "links"
    static let lineagePrefix = "before-restore-"

    private var url: URL { URL(fileURLWithPath: path) }

    /// One checkpoint's place in the history: the proof it extends the previous one.
    struct Link: Sendable, Hashable, Codable {
        var size: UInt64
        /// Hex roots, as in manifests.
        var root: String
        var previousSize: UInt64
        var previousRoot: String
        var proof: [String]
        /// Entries between the previous checkpoint and this one, by action.
        var tally: [String: Int]
    }

    /// Appends `note` to the history (and `link`, when there was a checkpoint before it), then
    /// replaces `latest` atomically.
    func append(_ note: String, link: Link?) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if let link {
            var line = try JSONEncoder.sorted.encode(link)
            line.append(0x0A)
            try Self.append(line, to: url.appendingPathComponent(Self.linksName).path)
        }
        try Self.append(Data(note.utf8), to: url.appendingPathComponent(Self.historyName).path)
        try Data(note.utf8).write(to: url.appendingPathComponent(Self.latestName), options: .atomic)
    }

    /// Opened for appending, so two processes signing at once (the server and a command) each
    /// add their line whole rather than writing over the other's; private from creation.
    private static func append(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }

    /// The newest note, unchecked (callers check its signature).
    var latestNote: String? {
        try? String(contentsOf: url.appendingPathComponent(Self.latestName), encoding: .utf8)
    }

    /// Every note in the history, oldest first.
    var notes: [String]? {
        (try? String(contentsOf: url.appendingPathComponent(Self.historyName), encoding: .utf8)).map(Self.notes(inHistory:))
    }

    var links: [Link] {
        guard let text = try? String(contentsOf: url.appendingPathComponent(Self.linksName), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Link.self, from: Data($0.utf8)) }
    }

    /// The history kept from before each restore, by the restore's entry.
    var lineages: [(entry: UInt64, directory: WitnessDirectory)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.compactMap { name in
            guard name.hasPrefix(Self.lineagePrefix), let entry = UInt64(name.dropFirst(Self.lineagePrefix.count)) else { return nil }
            return (entry, WitnessDirectory(path: url.appendingPathComponent(name).path))
        }.sorted { $0.entry < $1.entry }
    }

    /// Starts this (new, empty) directory from `source`'s history, kept under
    /// `before-restore-ENTRY/`: the restored log's own checkpoints go on in the top level.
    func start(afterRestoreAt entry: UInt64, from source: WitnessDirectory) throws {
        let lineage = url.appendingPathComponent(Self.lineagePrefix + String(entry))
        try FileManager.default.createDirectory(at: lineage, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for name in [Self.historyName, Self.latestName, Self.linksName] {
            guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: source.path).appendingPathComponent(name).path) else { continue }
            try PrivateFile.create(lineage.appendingPathComponent(name).path, bytes: Array(data))
        }
    }

    /// Splits the history back into notes: each ends with its last signature line
    /// (`— name signature`), and the next note's origin line follows directly.
    static func notes(inHistory text: String) -> [String] {
        var notes: [String] = []
        var current = ""
        var inSignatures = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isSignature = line.hasPrefix("\u{2014} ")
            if inSignatures, !isSignature, !line.isEmpty {
                notes.append(current)
                current = ""
            }
            inSignatures = isSignature
            if !(line.isEmpty && current.isEmpty) { current += line + "\n" }
        }
        if current.contains("\u{2014} ") { notes.append(current.hasSuffix("\n\n") ? String(current.dropLast()) : current) }
        return notes
    }
}

extension JSONEncoder {
    /// Keys in order, so the same value is always the same bytes.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
