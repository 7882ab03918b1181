/// Identifies an export; its serial on files and in trace reports.
public struct ExportID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Who receives an export, and how it reaches them: never as a plain attachment. Exactly one
/// of ``ageKey`` and ``email`` is set, or neither for a printed walk sheet (paper).
public struct ExportRecipient: Sendable, Hashable, Codable {
    /// The person or organisation, as the requester names them (staff text).
    public var name: String
    /// The recipient's age public key (`age1…`): the file is encrypted to it, only they open it.
    public var ageKey: String?
    /// Where the one-time link goes: it works once and expires.
    public var email: String?

    public enum Delivery: Sendable, Hashable {
        case ageKey(String)
        case link(email: String)
        /// A printed walk sheet, handed to the canvasser who printed it.
        case paper
    }

    public init(name: String, delivery: Delivery) {
        self.name = name
        switch delivery {
        case .ageKey(let key): ageKey = key
        case .link(let email): self.email = email
        case .paper: break
        }
    }

    public var delivery: Delivery {
        if let ageKey { return .ageKey(ageKey) }
        if let email { return .link(email: email) }
        return .paper
    }

    /// How the file travels, in words.
    public var deliveryWords: String {
        switch delivery {
        case .ageKey(let key): "encrypted to \(key.prefix(12))…"
        case .link(let email): "one-time link to \(email)"
        case .paper: "printed on paper"
        }
    }
}

/// A request to share people outside Warden, through its approval to the file it made.
///
/// Nothing is read until a second person (the DPO, never the requester) approves; the count
/// and the columns are shown before that, so the approver sees exactly what will leave.
public struct ExportRequest: Sendable, Hashable, Codable {
    public var id: ExportID
    public var requestedBy: String
    public var requesterID: AccountID?
    public var requestedAt: Timestamp
    public var purpose: ExportPurpose
    public var recipient: ExportRecipient
    public var selection: ExportSelection
    /// The selection in words, as it was when requested.
    public var selectionWords: String
    public var fields: [ExportField]
    /// The purpose of the requester's grant the people are read under (recorded with the read).
    public var reading: Purpose
    /// People the selection held for the requester when asked.
    public var count: Int
    /// Decoys the file will carry (``ExportMarks/decoyCount(for:)``); never counted as people.
    public var decoys: Int
    /// For a printed walk sheet: its serial.
    public var sheet: String?
    public var state: State
    public var decision: Decision?
    public var file: FileFacts?
    /// When the file is deleted (and a one-time link stops working); set once the file is made.
    public var expires: Timestamp?
    public var linkUsedAt: Timestamp?

    public enum State: String, Sendable, Codable, CaseIterable {
        case requested, refused
        /// Approved, and the encrypted file made.
        case ready
        /// Fetched: through its link (which then no longer works) or, for a key, as the file.
        case delivered
        /// The file passed its expiry unfetched, and is gone.
        case expired
    }

    /// The second person's answer.
    public struct Decision: Sendable, Hashable, Codable {
        public var by: String
        public var at: Timestamp
        public var reason: String
        /// The DPO's explicit yes to special category columns.
        public var specialCategory: Bool
        /// The DPO's yes to an export larger than the requester's remaining read budget.
        public var overBudget: Bool

        public init(by: String, at: Timestamp, reason: String, specialCategory: Bool, overBudget: Bool) {
            self.by = by
            self.at = at
            self.reason = reason
            self.specialCategory = specialCategory
            self.overBudget = overBudget
        }
    }

    /// What the made file holds.
    public struct FileFacts: Sendable, Hashable, Codable {
        /// SHA-256 of the CSV as the recipient opens it, also in the log.
        public var sha256: String
        public var people: Int
        public var decoys: Int
        public var bytes: Int64

        public init(sha256: String, people: Int, decoys: Int, bytes: Int64) {
            self.sha256 = sha256
            self.people = people
            self.decoys = decoys
            self.bytes = bytes
        }
    }

    public init(id: ExportID, requestedBy: String, requesterID: AccountID?, requestedAt: Timestamp, purpose: ExportPurpose,
                recipient: ExportRecipient, selection: ExportSelection, selectionWords: String, fields: [ExportField], count: Int, reading: Purpose) {
        self.id = id
        self.requestedBy = requestedBy
        self.requesterID = requesterID
        self.requestedAt = requestedAt
        self.purpose = purpose
        self.recipient = recipient
        self.selection = selection
        self.selectionWords = selectionWords
        self.fields = fields
        self.count = count
        self.reading = reading
        decoys = ExportMarks.decoyCount(for: count)
        state = .requested
    }

    /// The file's header row: what the approver is shown before saying yes.
    public var columns: [String] { fields.flatMap(\.columns) }

    /// Whether the request carries special category data.
    public var hasSpecialCategory: Bool { fields.contains { $0.isSpecialCategory } }

    /// The log detail of the read that made the file: written by the Gate, read back for
    /// subject access packages (``exportID(inReadDetail:)``).
    public static func readDetail(_ id: ExportID, purpose: ExportPurpose, approvedBy approver: String) -> String {
        "export \(id) for \(purpose.id), approved by \(approver)"
    }

    /// The export a read's log detail names, if it is an export's read.
    public static func exportID(inReadDetail detail: String) -> ExportID? {
        guard detail.hasPrefix("export "), let number = detail.dropFirst("export ".count).split(separator: " ").first.flatMap({ Int64($0) }),
              detail.dropFirst("export \(number) ".count).hasPrefix("for ") else { return nil }
        return ExportID(number)
    }

    /// Who received the file, and what for, as a person's subject access package says it.
    public var disclosure: String {
        "\(recipient.name), for \(purpose.title.lowercased()) (export \(id))"
    }

    /// The name the file travels under.
    public var fileName: String { "warden-export-\(id).csv" }
}
