public import WardenCore

/// Volunteers and the public form's pending sign-ups.
///
/// SPI: only the Gate reaches these, as it reaches every person. Each write is one
/// transaction with its audit entry.
@_spi(Gate) public protocol VolunteerStore: Sendable {
    /// Sign-ups from the client with keyed hash `client` since `since`, for the flood limit.
    func volunteerSignUps(fromClient client: [UInt8], since: Timestamp) async throws -> Int
    /// Keeps `pending` until its link is followed and queues the email with that link, with `audit`.
    func addVolunteerSignUp(_ pending: PendingVolunteerSignUp, email: QueuedEmail, audit: AuditEvent) async throws
    /// Confirms the sign-up whose token hashes to `tokenHash`: matches its address to a person
    /// or records a new one, makes them a volunteer, versions the record and deletes the
    /// sign-up, with `audit`; `nil` when no unexpired sign-up has that token.
    func confirmVolunteerSignUp(tokenHash: [UInt8], areas: [String: AreaID], audit: AuditEvent) async throws -> VolunteerConfirmation?
    /// Deletes the sign-ups that expired before `instant`; returns how many.
    func expireVolunteerSignUps(before instant: Timestamp) async throws -> Int
    /// The volunteers of the areas whose identifiers are `areas` (and, with `unplaced`, those
    /// with no area) that `filter` admits, by name, with `audit` naming them.
    func volunteers(in areas: Set<AreaID>, unplaced: Bool, filter: VolunteerFilter, audit: AuditEvent) async throws -> [Volunteer]
    func volunteer(_ person: PersonID) async throws -> Volunteer?
    /// Whether `person` lives or is a member within `areas` (or the areas under them).
    func isPlaced(_ person: PersonID, within areas: Set<AreaID>) async throws -> Bool
    /// Makes `person` a volunteer (a conflict if they are one), with `audit` naming them.
    func addVolunteer(_ volunteer: Volunteer, audit: AuditEvent) async throws
    /// The volunteer whose canvasser account was asked for as `username`.
    func volunteer(askedAs username: String) async throws -> Volunteer?
    /// The canvasser accounts organisers asked for and no administrator has opened, oldest first.
    func canvasserAccountAsks() async throws -> [CanvasserAccountAsk]
    /// Saves `volunteer`'s status, skills, availability and account request, with `audit` naming them.
    func updateVolunteer(_ volunteer: Volunteer, audit: AuditEvent) async throws
}

/// A sign-up waiting for its confirmation link.
@_spi(Gate) public struct PendingVolunteerSignUp: Sendable {
    public var signUp: VolunteerSignUp
    public var tokenHash: [UInt8]
    public var clientHash: [UInt8]
    public var createdAt: Timestamp
    public var expiresAt: Timestamp

    public init(signUp: VolunteerSignUp, tokenHash: [UInt8], clientHash: [UInt8], createdAt: Timestamp, expiresAt: Timestamp) {
        self.signUp = signUp
        self.tokenHash = tokenHash
        self.clientHash = clientHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// One email for the outbox.
@_spi(Gate) public struct QueuedEmail: Sendable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}
