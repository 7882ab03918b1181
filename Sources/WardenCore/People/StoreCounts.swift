/// Aggregate counts of what the store holds.
public struct StoreCounts: Sendable, Hashable, Codable {
    public var people: Int
    public var electors: Int
    public var households: Int
    public var members: Int
    public var areas: Int

    public init(people: Int, electors: Int, households: Int, members: Int, areas: Int) {
        self.people = people
        self.electors = electors
        self.households = households
        self.members = members
        self.areas = areas
    }
}
