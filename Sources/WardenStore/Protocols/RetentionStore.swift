public import WardenCore

/// What the retention schedule reaches, found by identifier and counted: nothing here reads
/// anyone's data. Removing people is the Gate's (``PersonalDataStore``).
public protocol RetentionStore: Sendable {
    /// Who and what is past its period as of `instant` under `schedule`.
    func retentionCandidates(_ schedule: RetentionSchedule, asOf instant: Timestamp) async throws -> RetentionCandidates
    /// Deletes sessions that ended, sign-in failures and read charges from before `cutoff`,
    /// with `audit`; the rows removed, by table.
    func purgeAccessRecords(before cutoff: Timestamp, audit: AuditEvent) async throws -> [String: Int]
}

/// People and rows past their period, by category; those held back are counted, with why.
public struct RetentionCandidates: Sendable, Hashable {
    /// Not members, and off the register for longer than the period.
    public var offRegister: [PersonID] = []
    /// Former members past their period and not on the current register: erased.
    public var formerMembers: [PersonID] = []
    /// Former members past their period still on the current register: kept as electors only.
    public var formerMembersOnRegister: [PersonID] = []
    /// Past their period but holding staff grants in force (an administrator revokes them first).
    public var heldForGrants: [RetentionCategory: [PersonID]] = [:]
    /// Past their period but named in a subject access case still open.
    public var heldForCases: [RetentionCategory: [PersonID]] = [:]
    /// Doorstep results of campaigns that ended before the period: how many, of how many people.
    public var canvassContacts = 0
    public var canvassPeople = 0
    /// Sessions, sign-in failures and read charges from before the period, by table.
    public var accessRecords: [String: Int] = [:]

    public init() {}
}
