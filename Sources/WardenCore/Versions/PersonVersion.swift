import Crypto

/// One version of a person's record: who changed it, when, through which grant, why, which
/// fields, and the whole record as it stood afterwards.
///
/// The previous version holds the old values, so a version and its predecessor answer
/// "what did it say before, and what after". Each version's ``hash`` is bound into the audit
/// entry that wrote it (``VersionBinding``), which puts the version history under the log's
/// Merkle tree.
public struct PersonVersion: Sendable, Hashable {
    public var id: Int64
    public var personID: PersonID
    public var at: Timestamp
    public var accountID: AccountID?
    /// ``Actor/label`` of whoever made the change.
    public var actor: String
    public var grantID: Int64?
    public var reason: String
    /// The ``PersonState/Key`` raw values that changed.
    public var fields: [String]
    public var state: PersonState
    /// Set when an erasure emptied the version: which erasure, and the hash the version had,
    /// which the log still binds.
    public var erased: ErasedVersion?

    public init(id: Int64, personID: PersonID, at: Timestamp, accountID: AccountID?, actor: String, grantID: Int64?,
                reason: String, fields: [String], state: PersonState, erased: ErasedVersion? = nil) {
        self.id = id
        self.personID = personID
        self.at = at
        self.accountID = accountID
        self.actor = actor
        self.grantID = grantID
        self.reason = reason
        self.fields = fields
        self.state = state
        self.erased = erased
    }

    /// SHA-256 over the version's canonical bytes (everything but its row identifier, whose
    /// order the entry's digest already fixes); for an erased version, the hash it had.
    public var hash: [UInt8] {
        if let erased { return erased.hash }
        return contentHash
    }

    /// The hash of the version's content as it now stands.
    public var contentHash: [UInt8] {
        var lines = CanonicalLines(header: "warden-version/1")
        lines.line("person", String(personID.rawValue))
        lines.line("at", at.description)
        lines.line("actor", actor)
        lines.line("account", accountID.map { String($0.rawValue) } ?? "-")
        lines.line("grant", grantID.map(String.init) ?? "-")
        lines.line("reason", reason)
        lines.line("fields", fields.joined(separator: ","))
        lines.line("state", String(state.text.utf8.count))
        lines.append(state.text)
        return Array(SHA256.hash(data: lines.bytes))
    }
}

/// Who makes a set of versions, and why: stamped on each version a write creates.
public struct VersionAuthor: Sendable, Hashable {
    public var at: Timestamp
    public var accountID: AccountID?
    public var actor: String
    public var grantID: Int64?
    public var reason: String

    public init(at: Timestamp, accountID: AccountID?, actor: String, grantID: Int64?, reason: String) {
        self.at = at
        self.accountID = accountID
        self.actor = actor
        self.grantID = grantID
        self.reason = reason
    }
}

/// What is left of a version an erasure emptied: the erasure, and the hash the version had
/// (which the log's digest still binds), so `verify` can tell an erasure from tampering.
public struct ErasedVersion: Sendable, Hashable {
    public var erasure: ErasureID
    public var hash: [UInt8]

    public init(erasure: ErasureID, hash: [UInt8]) {
        self.erasure = erasure
        self.hash = hash
    }
}
