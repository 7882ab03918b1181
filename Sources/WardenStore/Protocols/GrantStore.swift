public import WardenCore

/// Grants: who may do what, where, for which purpose, until when.
public protocol GrantStore: Sendable {
    /// Grants in force for `account` at `instant`.
    func activeGrants(_ account: AccountID, at instant: Timestamp) async throws -> [Grant]
    /// Creates a grant, raising `alert` in the same transaction.
    func createGrant(_ request: GrantRequest, account: AccountID, grantedBy: String, audit: AuditEvent, alert: AlertDraft?) async throws -> Grant
    func grant(_ id: Int64) async throws -> Grant?
    /// Grants not revoked and not expired at `instant` (pending ones included), with usernames.
    func currentGrants(at instant: Timestamp) async throws -> [GrantListing]
    func approveGrant(_ id: Int64, by: String, at instant: Timestamp, audit: AuditEvent) async throws
    /// Revokes a grant, raising `alert` in the same transaction.
    func revokeGrant(_ id: Int64, by: String, at instant: Timestamp, audit: AuditEvent, alert: AlertDraft?) async throws
    /// Revokes every grant of `account` and ends its sessions, raising `alert` in the same transaction.
    func revokeAccess(_ account: AccountID, by: String, at instant: Timestamp, audit: AuditEvent, alert: AlertDraft?) async throws
}
