import AgeEncryption
import Crypto
import Foundation
public import WardenCore

/// A backup's bytes: an age file (c2sp.org/age, to X25519 recipients) whose plaintext is a
/// ustar archive of the database and its manifest, so a party can always open it without
/// Warden: `age -d -i backup-key.txt FILE | tar -x`.
///
/// Both directions stream, a 64 KiB chunk at a time: a national party's database does not
/// fit in memory, and every chunk is authenticated on its own, so an altered or truncated
/// file fails at the first bad chunk.
enum BackupArchive {
    static let chunk = 1 << 20

    /// Encrypts the database at `database` with `manifest` after it into the already-open
    /// `output`, hashing the database as it goes; returns the manifest with the hash filled in.
    static func write(database: String, manifest: BackupManifest, recipients: [X25519Recipient], to output: FileHandle) throws -> BackupManifest {
        guard let input = FileHandle(forReadingAtPath: database) else { throw WardenError.invalidRequest("\(database): cannot be read") }
        defer { try? input.close() }
        var encryptor = try AgeEncryptor(recipients: recipients)
        let emit: (Data) throws -> Void = { try output.write(contentsOf: $0) }
        var manifest = manifest
        manifest.bytes = Int64(try FileManager.default.attributesOfItem(atPath: database)[.size] as? Int ?? 0)
        try encryptor.update(Tar.header(name: BackupManifest.databaseName(for: manifest.engine), size: manifest.bytes, modified: manifest.created),
                             ciphertext: emit)
        var hash = SHA256()
        var copied: Int64 = 0
        while let piece = try input.read(upToCount: chunk), !piece.isEmpty {
            hash.update(data: piece)
            copied += Int64(piece.count)
            try encryptor.update(piece, ciphertext: emit)
        }
        guard copied == manifest.bytes else { throw WardenError.conflict("\(database): changed while it was being backed up") }
        try encryptor.update(Tar.padding(after: copied), ciphertext: emit)
        manifest.sha256 = Hex.encode(Array(hash.finalize()))
        let text = Array(try JSONEncoder.sorted.encode(manifest))
        try encryptor.update(Tar.header(name: BackupManifest.manifestName, size: Int64(text.count), modified: manifest.created), ciphertext: emit)
        try encryptor.update(text + Tar.padding(after: Int64(text.count)) + Tar.end, ciphertext: emit)
        try encryptor.finish(ciphertext: emit)
        return manifest
    }

    /// Decrypts the backup at `path` with any of `identities`, writing its database to the new
    /// private file `database`; returns the manifest once the database's hash matches it.
    /// Throws, naming the file and the fault, for a file altered, truncated, for another key, or
    /// holding anything but a database and a manifest; `database` is then removed.
    static func read(_ path: String, identities: [X25519Identity], into database: String) throws -> BackupManifest {
        guard let input = FileHandle(forReadingAtPath: path) else { throw WardenError.notFound("\(path): no such backup") }
        defer { try? input.close() }
        let descriptor = open(database, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw errno == EEXIST ? WardenError.conflict("\(database): already exists; restore into a new place")
                : WardenError.invalidRequest("\(database): \(String(cString: strerror(errno)))")
        }
        let output = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            let manifest = try read(input, identities: identities, into: output, name: path)
            try output.synchronize()
            try output.close()
            return manifest
        } catch {
            try? output.close()
            unlink(database)
            throw error
        }
    }

    private static func read(_ input: FileHandle, identities: [X25519Identity], into output: FileHandle, name: String) throws -> BackupManifest {
        var decryptor = AgeDecryptor(identities: identities)
        var tar = TarReader()
        var current: String?
        var hash = SHA256()
        var written: Int64 = 0
        var manifestBytes: [UInt8] = []
        var seen: [String] = []
        let unpack: (Data) throws -> Void = { plaintext in
            try tar.consume(plaintext, file: { file, size in
                guard (BackupManifest.databaseNames + [BackupManifest.manifestName]).contains(file), !seen.contains(file) else {
                    throw WardenError.invalidRequest("\(name): holds an unexpected file; not a Warden backup")
                }
                guard file != BackupManifest.manifestName || size < 1 << 20 else { throw WardenError.invalidRequest("\(name): manifest too large") }
                seen.append(file)
                current = file
            }, contents: { piece in
                if current != BackupManifest.manifestName {
                    hash.update(data: piece)
                    written += Int64(piece.count)
                    try output.write(contentsOf: Data(piece))
                } else {
                    manifestBytes += piece
                }
            })
        }
        do {
            while let piece = try input.read(upToCount: chunk), !piece.isEmpty {
                try decryptor.update(piece, plaintext: unpack)
            }
            try decryptor.finish(plaintext: unpack)
            try tar.finish()
        } catch let error as AgeError {
            throw WardenError.invalidRequest("\(name): cannot be opened (\(Self.describe(error)))")
        } catch is TarError {
            throw WardenError.invalidRequest("\(name): the archive inside is damaged; not a Warden backup")
        }
        guard let manifest = try? JSONDecoder().decode(BackupManifest.self, from: Data(manifestBytes)),
              seen.contains(BackupManifest.databaseName(for: manifest.engine)) else {
            throw WardenError.invalidRequest("\(name): has no database or no readable manifest; not a Warden backup")
        }
        guard manifest.format == BackupManifest.currentFormat else {
            throw WardenError.invalidRequest("\(name): format \(manifest.format) is not one this Warden reads")
        }
        guard manifest.sha256 == Hex.encode(Array(hash.finalize())), manifest.bytes == written else {
            throw WardenError.invalidRequest("\(name): the database does not match its manifest's SHA-256")
        }
        return manifest
    }

    /// What went wrong, in words that name the fault and never a key.
    static func describe(_ error: AgeError) -> String {
        switch error {
        case .noMatchingIdentity: "none of the identities given can open it"
        case .truncatedPayload, .truncatedHeader: "truncated"
        case .payloadAuthenticationFailed, .emptyFinalChunk: "altered or truncated: a chunk fails authentication"
        case .headerMACMismatch, .trailingData: "altered: it fails authentication"
        default: "not an age file, or damaged"
        }
    }
}
