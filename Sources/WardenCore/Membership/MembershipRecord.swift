/// One member as the party's existing membership system exports them.
///
/// Imports turn rows into records; matching to electors and people works on records only.
public struct MembershipRecord: Sendable, Hashable {
    public var membershipNumber: String
    public var name: PersonName
    public var dateOfBirth: CalendarDate?
    public var address: Address
    public var contactPoints: [ContactPoint]
    public var status: MembershipStatus
    public var joinedOn: CalendarDate?
    public var statusSince: CalendarDate?
    /// The branch as the export names it: a ward code or a ward name.
    public var branch: String?
    public var dues: Dues?

    public init(
        membershipNumber: String, name: PersonName, dateOfBirth: CalendarDate?, address: Address,
        contactPoints: [ContactPoint], status: MembershipStatus, joinedOn: CalendarDate?,
        statusSince: CalendarDate?, branch: String?, dues: Dues?
    ) {
        self.membershipNumber = membershipNumber
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.address = address
        self.contactPoints = contactPoints
        self.status = status
        self.joinedOn = joinedOn
        self.statusSince = statusSince
        self.branch = branch
        self.dues = dues
    }
}
