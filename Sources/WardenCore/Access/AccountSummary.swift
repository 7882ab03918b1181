/// An account as administrators list it.
public struct AccountSummary: Sendable, Hashable, Codable {
    public var id: AccountID
    public var username: String
    public var personID: PersonID?
    public var createdAt: Timestamp
    public var secondFactorEnrolled: Bool
    public var disabled: Bool

    public init(id: AccountID, username: String, personID: PersonID?, createdAt: Timestamp, secondFactorEnrolled: Bool, disabled: Bool) {
        self.id = id
        self.username = username
        self.personID = personID
        self.createdAt = createdAt
        self.secondFactorEnrolled = secondFactorEnrolled
        self.disabled = disabled
    }
}

/// A grant with its account's username, for listings and access reports.
public struct GrantListing: Sendable, Hashable, Codable {
    public var grant: Grant
    public var username: String

    public init(grant: Grant, username: String) {
        self.grant = grant
        self.username = username
    }
}
