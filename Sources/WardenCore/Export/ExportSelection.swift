/// The people an export is of: a saved search over an area, never a hand-picked list, so that
/// what left is always describable ("the electors of Abbey ward").
public struct ExportSelection: Sendable, Hashable, Codable {
    public var areaID: AreaID
    public var population: Population

    public enum Population: String, Sendable, Codable, CaseIterable {
        /// People on the electoral register.
        case electors
        /// Members in good standing (active or in arrears).
        case members
        /// Everyone placed in the area.
        case everyone
    }

    public init(areaID: AreaID, population: Population) {
        self.areaID = areaID
        self.population = population
    }

    /// The selection in words, given the area's name.
    public func words(area: String) -> String {
        switch population {
        case .electors: "electors in \(area)"
        case .members: "members in \(area)"
        case .everyone: "everyone in \(area)"
        }
    }
}

extension PeopleScope {
    /// Whether a selection of the area whose chain (itself and the areas above it) is `chain`
    /// lies inside this scope: an area the reader's grants reach, or for members only, one
    /// their membership grants reach. A selection reaching past the scope is refused, not narrowed.
    public func covers(selectionOf chain: Set<AreaID>, membersOnly: Bool) -> Bool {
        everyone || !areas.isDisjoint(with: chain) || (membersOnly && (everyMember || !memberAreas.isDisjoint(with: chain)))
    }
}
