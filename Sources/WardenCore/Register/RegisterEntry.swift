/// One line of an electoral register, whatever layout it came in.
///
/// Layouts (EMS, Scottish, mapped) turn rows into entries; everything after that —
/// validation, matching to existing people, households — works on entries only.
public struct RegisterEntry: Sendable, Hashable {
    /// The polling district code (EMS elector number prefix, Scottish `PD`).
    public var pollingDistrict: String
    public var number: ElectorNumber
    /// Franchise and other markers as the register prints them (`"E"`, `"F"`, `"N"`, `"K"` …).
    public var markers: String
    public var name: PersonName
    public var dateOfBirth: CalendarDate?
    /// The date an attainer (a 16/17-year-old) reaches voting age.
    public var attainerDate: CalendarDate?
    /// Scottish franchise flag, where the layout has one.
    public var franchise: String?
    /// Opted out of the edited (open) register.
    public var optedOut: Bool
    public var address: Address
    /// Matching keys, worked out once where the entry is parsed (a thread of its own during
    /// imports) rather than where it is written.
    public let householdKey: String
    public let matchKey: String

    public init(
        pollingDistrict: String, number: ElectorNumber, markers: String = "", name: PersonName,
        dateOfBirth: CalendarDate? = nil, attainerDate: CalendarDate? = nil, franchise: String? = nil,
        optedOut: Bool = false, address: Address
    ) {
        self.pollingDistrict = pollingDistrict
        self.number = number
        self.markers = markers
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.attainerDate = attainerDate
        self.franchise = franchise
        self.optedOut = optedOut
        self.address = address
        householdKey = address.householdKey
        matchKey = name.matchKey
    }

    /// Anonymous entries (marker `N`) carry no name and must never be matched by name. An entry
    /// without a name is anonymous too: imports let one through only from a layout without a
    /// markers column (a number with neither name nor address).
    public var isAnonymous: Bool {
        markers.uppercased().contains("N") || (name.forenames.isEmpty && name.surname.isEmpty)
    }
}
