/// What the access policy needs to know about a person to decide who may see them: where they
/// are placed and whether they are an elector and a member. Nothing else of the person.
///
/// The policy never sees a whole record: a canvasser's list covers only the *electors* at its
/// doors, and a membership secretary's constituency only its *members*, so those two facts
/// travel with the areas.
public struct Placement: Sendable, Hashable {
    public var person: PersonID
    /// Polling district, ward, constituency … of the household, and the member's branch with
    /// everything above it.
    public var areas: Set<AreaID>
    /// The walk lists the household is on.
    public var walkLists: Set<WalkListID>
    /// On the current register.
    public var isElector: Bool
    /// Holds a membership record (in any status).
    public var isMember: Bool

    public init(person: PersonID, areas: Set<AreaID>, walkLists: Set<WalkListID> = [], isElector: Bool, isMember: Bool) {
        self.person = person
        self.areas = areas
        self.walkLists = walkLists
        self.isElector = isElector
        self.isMember = isMember
    }
}

extension PersonRecord {
    /// The facts the access policy decides on.
    public var placement: Placement {
        Placement(person: person.id, areas: Set(areas.map(\.id)), walkLists: walkLists, isElector: elector != nil, isMember: member != nil)
    }
}
