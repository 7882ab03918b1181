/// An area with its place in the hierarchy and counts of what is in it: aggregates only,
/// no one's personal data.
public struct AreaSummary: Sendable, Hashable, Codable {
    public var area: Area
    /// From the nation down to this area's parent.
    public var ancestors: [AreaRef]
    public var children: [AreaRef]
    public var electors: Int
    public var households: Int
    public var members: Int

    public init(area: Area, ancestors: [AreaRef], children: [AreaRef], electors: Int, households: Int, members: Int) {
        self.area = area
        self.ancestors = ancestors
        self.children = children
        self.electors = electors
        self.households = households
        self.members = members
    }
}

/// A row of an areas file: a level, a code, a name, and the code of the parent area.
public struct AreaDefinition: Sendable, Hashable {
    public var level: AreaLevel
    public var code: String
    public var name: String
    public var parentCode: String?

    public init(level: AreaLevel, code: String, name: String, parentCode: String?) {
        self.level = level
        self.code = code
        self.name = name
        self.parentCode = parentCode
    }
}
