import WardenCore

extension Placement {
    /// An elector (not a member) placed in `areas`, their household on `walkLists`.
    static func elector(_ person: PersonID, in areas: Set<AreaID>, walkLists: Set<WalkListID> = []) -> Placement {
        Placement(person: person, areas: areas, walkLists: walkLists, isElector: true, isMember: false)
    }
}
