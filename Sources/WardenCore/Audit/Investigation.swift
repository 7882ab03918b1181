/// One version in an investigation's answer: who changed which fields of whom, when, why,
/// and where it sits in the log. Field values are left out: the question is who did what.
public struct ChangeItem: Sendable, Hashable, Codable {
    public var versionID: Int64
    public var personID: PersonID
    public var at: Timestamp
    public var actor: String
    public var reason: String
    public var fields: [String]
    /// The ward (or other area) the person is placed in, by name.
    public var area: String?
    public var entryIndex: Int64?
    public var proof: InclusionProof?

    public init(versionID: Int64, personID: PersonID, at: Timestamp, actor: String, reason: String, fields: [String],
                area: String?, entryIndex: Int64?, proof: InclusionProof?) {
        self.versionID = versionID
        self.personID = personID
        self.at = at
        self.actor = actor
        self.reason = reason
        self.fields = fields
        self.area = area
        self.entryIndex = entryIndex
        self.proof = proof
    }
}

/// An investigation's answer about changes: the list and its totals.
public struct ChangeReport: Sendable, Hashable, Codable {
    public var question: String
    public var changes: [ChangeItem]
    public var people: Int
    /// Changes per field, and per area.
    public var byField: [String: Int]
    public var byArea: [String: Int]
    /// The checkpoint the proofs are against, when proofs were asked for.
    public var checkpoint: String?

    public init(question: String, changes: [ChangeItem], checkpoint: String?) {
        self.question = question
        self.changes = changes
        self.checkpoint = checkpoint
        people = Set(changes.map(\.personID)).count
        byField = changes.reduce(into: [:]) { counts, change in change.fields.forEach { counts[$0, default: 0] += 1 } }
        byArea = changes.reduce(into: [:]) { counts, change in counts[change.area ?? "unplaced", default: 0] += 1 }
    }
}

/// One access to a person from the log: a read, a search result, a write, a refusal.
public struct AccessItem: Sendable, Hashable, Codable {
    public var entryIndex: Int64
    public var at: Timestamp
    public var actor: String
    public var action: AuditAction
    public var outcome: AuditEvent.Outcome
    public var purpose: Purpose?
    public var dataClasses: [DataClass]
    public var proof: InclusionProof?

    public init(entryIndex: Int64, event: AuditEvent, proof: InclusionProof?) {
        self.entryIndex = entryIndex
        at = event.at
        actor = event.actor
        action = event.action
        outcome = event.outcome
        purpose = event.purpose
        dataClasses = event.dataClasses.sorted()
        self.proof = proof
    }
}

/// Who changed and who viewed one person.
public struct PersonHistory: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var changes: [ChangeItem]
    public var accesses: [AccessItem]
    public var checkpoint: String?

    public init(personID: PersonID, changes: [ChangeItem], accesses: [AccessItem], checkpoint: String?) {
        self.personID = personID
        self.changes = changes
        self.accesses = accesses
        self.checkpoint = checkpoint
    }
}

/// An RFC 9162 inclusion proof of one log entry in a checkpointed tree: hex hashes, leaf side first.
public struct InclusionProof: Sendable, Hashable, Codable {
    public var leafIndex: Int64
    public var treeSize: Int64
    public var hashes: [String]

    public init(leafIndex: Int64, treeSize: Int64, hashes: [String]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.hashes = hashes
    }
}
