import AgeEncryption
import Crypto
import Foundation
import WardenCore

/// An export's file: CSV encrypted with age as it is written, so it is never on disk in plain
/// text, created 0600 under a name no other file has, and made whole before it is named.
enum ExportFile {
    static func path(of id: ExportID, in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent("warden-export-\(id).csv.age").path
    }

    /// Writes `rows` laid out by `layout` to the new file for `id`, encrypted to `recipient`;
    /// returns what it holds and each row's tokens.
    static func write(_ id: ExportID, rows: [ExportValues], layout: ExportLayout, to recipient: X25519Recipient,
                      in directory: String) throws -> (path: String, facts: ExportRequest.FileFacts, marks: [(row: Int, token: Int64)]) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = path(of: id, in: directory)
        let partial = path + ".partial"
        let descriptor = open(partial, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WardenError.conflict("\(partial): cannot be created (\(String(cString: strerror(errno))))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            var encryptor = try AgeEncryptor(recipients: [recipient])
            let emit: (Data) throws -> Void = { try handle.write(contentsOf: $0) }
            var hash = SHA256()
            var bytes: Int64 = 0
            var marks: [(row: Int, token: Int64)] = []
            func put(_ cells: [String]) throws {
                let line = Array(ExportCSV.line(cells).utf8)
                hash.update(data: line)
                bytes += Int64(line.count)
                try encryptor.update(line, ciphertext: emit)
            }
            try put(layout.header)
            var people = 0
            for (row, values) in rows.enumerated() {
                try put(layout.cells(values))
                if values.personID != nil {
                    people += 1
                    marks += layout.tokens(values).map { (row: row, token: $0.token) }
                }
            }
            try encryptor.finish(ciphertext: emit)
            try handle.synchronize()
            try handle.close()
            guard rename(partial, path) == 0 else { throw WardenError.conflict("\(path): cannot be created") }
            let facts = ExportRequest.FileFacts(sha256: Hex.encode(Array(hash.finalize())), people: people, decoys: rows.count - people, bytes: bytes)
            return (path, facts, marks)
        } catch {
            try? handle.close()
            unlink(partial)
            throw error
        }
    }

    /// Decrypts the file at `path` with `identity`, a chunk at a time, into `plaintext`.
    static func decrypt(_ path: String, identity: X25519Identity, plaintext: (Data) throws -> Void) throws {
        guard let input = FileHandle(forReadingAtPath: path) else { throw WardenError.notFound("the export's file is gone") }
        defer { try? input.close() }
        var decryptor = AgeDecryptor(identities: [identity])
        while let piece = try input.read(upToCount: 1 << 16), !piece.isEmpty {
            try decryptor.update(piece, plaintext: plaintext)
        }
        try decryptor.finish(plaintext: plaintext)
    }
}

/// A one-time link's secret: the token in the URL. The file is encrypted to an identity
/// derived from it, and the server keeps only the token's hash, so the file on the server
/// cannot be opened without the link.
struct ExportLink {
    let token: String

    static func make() -> ExportLink { ExportLink(token: Authentication.randomToken()) }

    var hash: [UInt8] { Authentication.hash(token) }

    func identity() throws -> X25519Identity {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Array(token.utf8)), info: Array("warden/export-link/1".utf8), outputByteCount: 32)
        return try X25519Identity(secretBytes: key.withUnsafeBytes { Array($0) })
    }
}
