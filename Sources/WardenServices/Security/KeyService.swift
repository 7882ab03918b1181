public import WardenCore
import WardenGate
import WardenStore

/// Key-encryption key rotation, online: a new key joins the ring file, then every value
/// sealed directly under an older key (persons' data keys, second-factor secrets) is
/// rewrapped in batches while Warden keeps serving. Answers sealed under data keys are never
/// touched. A running server picks up the new ring from its file (``KeyRingSource``).
public struct KeyService: Sendable {
    let store: any KeyStore & LogStore
    let keys: KeyRingSource

    /// What a rotation did.
    public struct Rotation: Sendable, Hashable {
        public var newVersion: Int
        public var rewrapped: Int
    }

    /// Adds a key-encryption key and rewraps everything under older ones. `progress` sees
    /// the running count after each batch.
    public func rotate(actor: Actor, batch: Int = 1_000, progress: (Int) -> Void = { _ in }) async throws -> Rotation {
        guard case .localOperator = actor.kind else {
            throw WardenError.forbidden("key rotation runs on the server, as its operator")
        }
        let ring = try keys.reload().rotated()
        try ring.replace(at: keys.path)
        try keys.reload()
        let version = ring.newestVersion
        var rewrapped = 0
        var settled = false
        while true {
            let old = try await store.keyEncryptedValues(olderThan: version, limit: batch)
            if old.isEmpty {
                // A running server notices the new ring within a few seconds; anything it
                // sealed under the old key meanwhile is caught by one more pass after that.
                if settled { break }
                settled = true
                try await Task.sleep(for: .seconds(KeyRingSource.recheckSeconds + 1))
                continue
            }
            let pairs = try old.map { value in
                let context = context(of: value)
                var new = value
                new.sealed = try ring.seal(try ring.open(value.sealed, context: context), context: context)
                new.kekVersion = version
                return (old: value, new: new)
            }
            rewrapped += try await store.replaceKeyEncryptedValues(pairs)
            progress(rewrapped)
        }
        try await store.append(AuditEvent(actor: actor, action: .keysRotated, purpose: .accountAdministration,
                                          detail: "key-encryption key \(version) in force; \(rewrapped) value(s) rewrapped"))
        return Rotation(newVersion: version, rewrapped: rewrapped)
    }

    /// Destroys key-encryption key `version` once no value in the database needs it (a
    /// rotation rewrapped them all): data keys of people erased since an older copy of the
    /// database was taken, wrapped only under that key, then open nowhere, whatever copy
    /// turns up. Older copies lose their sealed answers with it, so retire a key only when
    /// the last backup that needs it has aged out.
    ///
    /// `backups` are the manifests of the backups kept: one whose values need the key holds
    /// the retirement back until it ages out.
    public func retire(version: Int, backups: [BackupManifest] = [], actor: Actor) async throws {
        guard case .localOperator = actor.kind else {
            throw WardenError.forbidden("retiring a key runs on the server, as its operator")
        }
        if let needing = backups.filter({ $0.keyVersions.contains(version) }).max(by: { $0.created < $1.created }) {
            throw WardenError.conflict("the backup of \(needing.created) still needs key-encryption key \(version); retire it once that backup has been pruned")
        }
        let retired = try keys.reload().retiring(version)
        let inUse = try await store.keyEncryptionUsage()[version] ?? 0
        guard inUse == 0 else {
            throw WardenError.conflict("key-encryption key \(version) still protects \(inUse) value(s); run `warden keys rotate` first")
        }
        try retired.replace(at: keys.path)
        try keys.reload()
        try await store.append(AuditEvent(actor: actor, action: .keysRotated, purpose: .accountAdministration,
                                          detail: "key-encryption key \(version) retired"))
    }

    /// How many values each key-encryption key version protects.
    public func usage() async throws -> [Int: Int] {
        try await store.keyEncryptionUsage()
    }

    private func context(of value: KeyEncryptedValue) -> String {
        switch value.kind {
        case .personKey: Envelope.keyContext(PersonID(value.owner))
        case .secondFactor: Authentication.totpContext(AccountID(value.owner))
        }
    }
}
