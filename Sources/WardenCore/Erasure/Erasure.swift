/// The identity of an ``Erasure``.
public struct ErasureID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The removal of people's personal data from Warden (UK GDPR Art. 17, or storage
/// limitation under Art. 5(1)(e)), and the tombstone it leaves.
///
/// A request names one person and waits for a second person's approval; a retention run
/// erases many at once, under the schedule the DPO set. Once done, what stays is this record
/// (who, when, by whom, why: no personal data of the people erased), their identifiers, and,
/// where the party must not contact them again, keyed hashes of their identifiers
/// (``SuppressionIdentifiers``).
public struct Erasure: Sendable, Hashable, Codable, Identifiable {
    public var id: ErasureID
    public var kind: ErasureKind
    /// Why, as the requester gave it, or the retention rule that expired. Staff's words about
    /// the request, never the person's data.
    public var reason: String
    /// Whether a suppression entry keeps the party from contacting them again.
    public var suppress: Bool
    public var people: [PersonID]
    public var requestedBy: String
    public var requestedAt: Timestamp
    public var state: ErasureState
    /// Who approved (and so carried out) or refused it, and when.
    public var decidedBy: String?
    public var decidedAt: Timestamp?
    /// Why a request was refused.
    public var refusal: String?
    /// How many record versions were redacted.
    public var versionsRedacted: Int

    public init(id: ErasureID = ErasureID(0), kind: ErasureKind, reason: String, suppress: Bool, people: [PersonID],
                requestedBy: String, requestedAt: Timestamp, state: ErasureState = .awaitingApproval, decidedBy: String? = nil,
                decidedAt: Timestamp? = nil, refusal: String? = nil, versionsRedacted: Int = 0) {
        self.id = id
        self.kind = kind
        self.reason = reason
        self.suppress = suppress
        self.people = people
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.state = state
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.refusal = refusal
        self.versionsRedacted = versionsRedacted
    }

    /// The longest reason kept: a sentence or two, not a case file.
    public static let reasonLimit = 500

    /// Checks what a requester typed: a reason that says something, within ``reasonLimit``.
    public static func checkReason(_ reason: String) throws(WardenError) -> String {
        try StaffText.checked(reason, field: "reason", limit: reasonLimit, whenEmpty: "say why the person is to be erased")
    }
}

/// Why people are erased.
public enum ErasureKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A person's request (Art. 17), approved by a second person.
    case request
    /// The retention schedule: their data's period ran out.
    case retention
}

/// Where an erasure stands.
public enum ErasureState: String, Sendable, Hashable, Codable, CaseIterable {
    case awaitingApproval = "awaiting_approval"
    case done
    case refused

    public var title: String {
        switch self {
        case .awaitingApproval: "Awaiting approval"
        case .done: "Erased"
        case .refused: "Refused"
        }
    }
}

/// What carrying out an erasure removed, counted for the log and the DPO.
public struct ErasureOutcome: Sendable, Hashable, Codable {
    public var erasure: Erasure
    /// Rows removed, by table.
    public var rowsRemoved: [String: Int]
    public var versionsRedacted: Int
    public var suppressionEntries: Int
    /// New records made for people erased under retention who are still on the register,
    /// holding only their current register entries.
    public var rebuilt: [PersonID]

    public init(erasure: Erasure, rowsRemoved: [String: Int], versionsRedacted: Int, suppressionEntries: Int, rebuilt: [PersonID] = []) {
        self.erasure = erasure
        self.rowsRemoved = rowsRemoved
        self.versionsRedacted = versionsRedacted
        self.suppressionEntries = suppressionEntries
        self.rebuilt = rebuilt
    }
}
