/// What a rollback of one account's changes did (or, in a dry run, would do), field by field.
public struct RollbackReport: Sendable, Hashable, Codable {
    public var account: String
    public var from: Timestamp
    public var to: Timestamp
    public var dryRun: Bool
    public var items: [Item]

    public struct Item: Sendable, Hashable, Codable {
        public var personID: PersonID
        public var field: String
        public var outcome: Outcome
        /// For a conflict: who changed the field since.
        public var laterBy: [String]

        public init(personID: PersonID, field: String, outcome: Outcome, laterBy: [String] = []) {
            self.personID = personID
            self.field = field
            self.outcome = outcome
            self.laterBy = laterBy
        }
    }

    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Put back to its value before the account's first change in the window.
        case restored
        /// Already holds that value: nothing to do.
        case unchanged
        /// Someone else changed it later: left alone (unless forced).
        case conflict
        /// Not a contact detail; only contact details are rolled back here.
        case notRestorable = "not_restorable"
    }

    public init(account: String, from: Timestamp, to: Timestamp, dryRun: Bool, items: [Item]) {
        self.account = account
        self.from = from
        self.to = to
        self.dryRun = dryRun
        self.items = items
    }

    public func count(_ outcome: Outcome) -> Int { items.filter { $0.outcome == outcome }.count }
    public var people: Int { Set(items.filter { $0.outcome == .restored }.map(\.personID)).count }
}
