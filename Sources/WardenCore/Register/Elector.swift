/// A person's current entry on an electoral register.
public struct Elector: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var pollingDistrictID: AreaID
    public var number: ElectorNumber
    public var markers: String
    public var franchise: String?
    public var attainerDate: CalendarDate?
    public var isAnonymous: Bool
    public var optedOut: Bool

    public init(
        personID: PersonID, pollingDistrictID: AreaID, number: ElectorNumber, markers: String,
        franchise: String?, attainerDate: CalendarDate?, isAnonymous: Bool, optedOut: Bool
    ) {
        self.personID = personID
        self.pollingDistrictID = pollingDistrictID
        self.number = number
        self.markers = markers
        self.franchise = franchise
        self.attainerDate = attainerDate
        self.isAnonymous = isAnonymous
        self.optedOut = optedOut
    }
}
