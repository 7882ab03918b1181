import AgeEncryption
import Crypto
import Foundation
import WardenCore

/// An export's file: CSV encrypted with age as it is produced, a row at a time, so the whole
/// file never exists in plain text, in memory or on disk. The ciphertext is kept in the
/// database until it is fetched or expires, so any of several servers can hand it over.
enum ExportFile {
    /// `rows` laid out by `layout`, encrypted to `recipient`; what it holds, and each row's tokens.
    static func write(_ rows: [ExportValues], layout: ExportLayout, to recipient: X25519Recipient) throws
        -> (ciphertext: [UInt8], facts: ExportRequest.FileFacts, marks: [(row: Int, token: Int64)]) {
        var encryptor = try AgeEncryptor(recipients: [recipient])
        var ciphertext: [UInt8] = []
        let emit: (Data) -> Void = { ciphertext += $0 }
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
            let laid = layout.row(values)
            try put(laid.cells)
            if values.personID != nil {
                people += 1
                marks += laid.tokens.map { (row: row, token: $0.token) }
            }
        }
        try encryptor.finish(ciphertext: emit)
        let facts = ExportRequest.FileFacts(sha256: Hex.encode(Array(hash.finalize())), people: people, decoys: rows.count - people, bytes: bytes)
        return (ciphertext, facts, marks)
    }

    /// Decrypts `ciphertext` with `identity`, a chunk at a time, into `plaintext`.
    static func decrypt(_ ciphertext: [UInt8], identity: X25519Identity, plaintext: (Data) throws -> Void) throws {
        var decryptor = AgeDecryptor(identities: [identity])
        for start in stride(from: 0, to: ciphertext.count, by: 1 << 16) {
            try decryptor.update(ciphertext[start..<min(start + (1 << 16), ciphertext.count)], plaintext: plaintext)
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
