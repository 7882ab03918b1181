public import AgeEncryption
import Foundation
public import WardenCore
import WardenGate
import WardenStore

extension KeyService {
    /// Writes the key ring, and the erasure ledger beside it, to the new file `path`: a tar
    /// archive encrypted to `recipients`, which must not include a key the database's backups
    /// are encrypted to (`databaseRecipients`, from their manifests). Whoever holds a database
    /// backup and its key then still cannot read the sealed fields in it without the second
    /// key. Returns the files it holds.
    public func backUp(to path: String, recipients: [X25519Recipient], databaseRecipients: Set<String>, actor: Actor) async throws -> [String] {
        guard case .localOperator = actor.kind else { throw WardenError.forbidden("the key ring is backed up on the server, by its operator") }
        guard !recipients.isEmpty else { throw WardenError.invalidRequest("--recipient: at least one age1… key to encrypt to") }
        if recipients.contains(where: { databaseRecipients.contains($0.description) }) {
            throw WardenError.invalidRequest("--recipient: the database's backups are encrypted to this key; the key ring's backup needs another")
        }
        var archive = TarArchive()
        var names: [String] = []
        for file in [keys.path, ErasureLedger(besideKeyRing: keys.path).path] {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let name = URL(fileURLWithPath: file).lastPathComponent
            archive.add(name, Array(data), modified: .now)
            names.append(name)
        }
        try PrivateFile.create(path, bytes: Array(try Age.encrypt(archive.finished, recipients: recipients)))
        try await store.append(AuditEvent(actor: actor, action: .backup, purpose: .accountAdministration,
                                          detail: "key ring backed up (\(names.joined(separator: ", ")))"))
        return names
    }
}
