import AgeEncryption
import Crypto
import Foundation
public import WardenCore

/// A subject access package as delivered: one tar archive holding the page to read, the
/// same facts as JSON, the log checkpoint taken after the package was made and proofs that
/// the log entries about the request are in it, and a manifest of SHA-256 hashes that
/// `sha256sum -c MANIFEST.sha256` checks.
public struct SubjectAccessArchive: Sendable {
    public var package: SubjectAccessPackage
    /// The files in the archive, by name, in the order they were added.
    public var files: [(name: String, contents: [UInt8])]
    /// The archive itself (POSIX ustar).
    public var tar: [UInt8]

    public static let document = "subject-access.html"
    public static let data = "subject-access.json"
    public static let checkpoint = "log-checkpoint.txt"
    public static let proofs = "log-proofs.json"
    public static let manifest = "MANIFEST.sha256"

    /// The archive of `package`, with the checkpoint taken after it was made and the proofs
    /// of the request's entries in that checkpoint's tree.
    public init(package: SubjectAccessPackage, checkpoint: StoredCheckpoint?, proofs: [InclusionProof]) throws {
        self.package = package
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var files: [(String, [UInt8])] = [
            (Self.document, Array(SubjectAccessDocument(package: package, checkpoint: checkpoint?.note).html.utf8)),
            (Self.data, Array(try encoder.encode(package))),
        ]
        if let checkpoint {
            files.append((Self.checkpoint, Array(checkpoint.note.utf8)))
            files.append((Self.proofs, Array(try encoder.encode(proofs))))
        }
        files.append((Self.manifest, Self.manifest(of: files)))
        self.files = files.map { (name: $0.0, contents: $0.1) }
        var archive = TarArchive()
        for (name, contents) in files { archive.add(name, contents, modified: package.generatedAt) }
        tar = archive.finished
    }

    /// `sha256sum` lines: the hex hash, two spaces, the name.
    static func manifest(of files: [(String, [UInt8])]) -> [UInt8] {
        Array(files.map { name, contents in
            Hex.encode(Array(SHA256.hash(data: contents))) + "  " + name + "\n"
        }.joined().utf8)
    }

    /// The names of files whose hash does not match the manifest's (empty when all match and
    /// the manifest names every other file).
    public func mismatches() -> [String] {
        guard let manifest = files.first(where: { $0.name == Self.manifest }) else { return [Self.manifest] }
        let others = files.filter { $0.name != Self.manifest }.map { ($0.name, $0.contents) }
        let expected = Set(String(decoding: Self.manifest(of: others), as: UTF8.self).split(separator: "\n"))
        let listed = Set(String(decoding: manifest.contents, as: UTF8.self).split(separator: "\n"))
        return others.map(\.0).filter { name in !listed.contains { $0.hasSuffix("  " + name) && expected.contains($0) } }
    }
}

extension SubjectAccessArchive {
    /// The shortest passphrase a package is sealed to: the requester chooses it, and it is all
    /// that stands between the package and whoever finds the file.
    public static let minimumPassphraseLength = 12

    /// The archive encrypted to `passphrase` in the age format (scrypt), which `age -d` opens.
    public func sealed(passphrase: String) throws -> [UInt8] {
        guard passphrase.count >= Self.minimumPassphraseLength else {
            throw WardenError.invalidRequest("passphrase: at least \(Self.minimumPassphraseLength) characters, chosen by the requester")
        }
        return Array(try Age.encrypt(tar, passphrase: passphrase))
    }
}
