/// A place in the hierarchy nation > region > constituency > ward > polling district.
///
/// Grants are scoped by area and every person is placed in one through their household,
/// so the hierarchy is what answers "who may see the people here?".
public struct Area: Sendable, Hashable, Codable, Identifiable {
    public var id: AreaID
    public var level: AreaLevel
    /// The code the Electoral Commission or the council uses (ward GSS code, polling district letters).
    public var code: String
    public var name: String
    public var parentID: AreaID?

    public init(id: AreaID, level: AreaLevel, code: String, name: String, parentID: AreaID?) {
        self.id = id
        self.level = level
        self.code = code
        self.name = name
        self.parentID = parentID
    }
}

extension Area {
    /// The chain from `id` up to the nation, smallest first: the areas whose grants cover a
    /// place in `id`.
    public static func chain(from id: AreaID?, in all: [AreaID: Area]) -> [Area] {
        var result: [Area] = []
        var cursor = id
        while let area = cursor.flatMap({ all[$0] }) {
            result.append(area)
            cursor = area.parentID
        }
        return result
    }

    /// Every area below `area`, depth first.
    public static func descendants(of area: Area, in all: [AreaID: Area]) -> [Area] {
        let children = all.values.filter { $0.parentID == area.id }
        return children + children.flatMap { descendants(of: $0, in: all) }
    }
}

/// The levels of the area hierarchy, from the largest to the smallest.
public enum AreaLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case nation, region, constituency, ward
    case pollingDistrict = "polling_district"

    /// The level an area of this level must sit under; `nil` for a nation.
    public var parentLevel: AreaLevel? {
        switch self {
        case .nation: nil
        case .region: .nation
        case .constituency: .region
        case .ward: .constituency
        case .pollingDistrict: .ward
        }
    }

    /// Depth in the hierarchy: nation 0 … polling district 4.
    public var depth: Int {
        switch self {
        case .nation: 0
        case .region: 1
        case .constituency: 2
        case .ward: 3
        case .pollingDistrict: 4
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.depth < rhs.depth }

    /// The party unit that organises an area of this level: a constituency party (CLP) for a
    /// constituency, a branch for a ward.
    public var partyUnit: PartyUnitKind? {
        switch self {
        case .constituency: .constituencyParty
        case .ward: .branch
        default: nil
        }
    }
}

/// The party's own organisation, which follows the electoral map.
public enum PartyUnitKind: String, Sendable, Codable {
    /// Constituency party (CLP): the unit for a constituency.
    case constituencyParty = "constituency_party"
    /// Branch: the unit for a ward.
    case branch
}
