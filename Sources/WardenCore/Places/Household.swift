/// The people at one address: the unit of a walk list.
public struct Household: Sendable, Hashable, Codable, Identifiable {
    public var id: HouseholdID
    public var address: Address
    /// The polling district the address is in, when known from the register.
    public var pollingDistrictID: AreaID?

    public init(id: HouseholdID, address: Address, pollingDistrictID: AreaID?) {
        self.id = id
        self.address = address
        self.pollingDistrictID = pollingDistrictID
    }
}
