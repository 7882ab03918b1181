/// A server-side sign-in. The browser or API client holds only a random token; Warden
/// keeps its hash, so a copy of the database cannot be used to sign in, and ending the
/// session here ends it everywhere at the next request.
public struct SessionRecord: Sendable, Hashable {
    public var id: Int64
    public var accountID: AccountID
    public var username: String
    public var createdAt: Timestamp
    public var lastSeenAt: Timestamp
    /// The absolute end, whatever the activity.
    public var expiresAt: Timestamp
    /// The token every form must echo (CSRF protection).
    public var csrfToken: String
    public var endedAt: Timestamp?

    public init(
        id: Int64, accountID: AccountID, username: String, createdAt: Timestamp, lastSeenAt: Timestamp,
        expiresAt: Timestamp, csrfToken: String, endedAt: Timestamp?
    ) {
        self.id = id
        self.accountID = accountID
        self.username = username
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.csrfToken = csrfToken
        self.endedAt = endedAt
    }

    /// Live at `instant` under `policy`: not ended, not past its absolute or idle limit.
    public func isLive(at instant: Timestamp, policy: SessionPolicy) -> Bool {
        endedAt == nil && instant < expiresAt && instant.secondsSince1970 - lastSeenAt.secondsSince1970 < policy.idleSeconds
    }
}

/// How long sessions last.
public struct SessionPolicy: Sendable, Hashable {
    /// Ends after this long without a request.
    public var idleSeconds: Int64
    /// Ends this long after sign-in, whatever the activity.
    public var absoluteSeconds: Int64

    public init(idleSeconds: Int64 = 30 * 60, absoluteSeconds: Int64 = 12 * 3600) {
        self.idleSeconds = idleSeconds
        self.absoluteSeconds = absoluteSeconds
    }
}
