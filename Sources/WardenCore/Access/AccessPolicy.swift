/// Who may read which fields of whom, for what: pure, so every rule is unit-testable.
///
/// A read is allowed through a grant when the grant is for the stated purpose and its scope
/// covers the person (their polling district, ward, constituency … or, for the member role,
/// their own record, or, for a canvasser, a walk list their household is on); it then shows
/// the fields of the grant's role. A canvasser's area grant only says where lists may be
/// given to them: it shows nobody. A person covered by
/// several grants shows the union. A role sees only the fields its job needs: a canvasser
/// never sees emails or dues, a campaign manager works with aggregates, an administrator
/// reads nobody.
public enum AccessPolicy {
    /// The fields `role` may read of a person in its scope.
    public static func readableFields(for role: Role) -> Set<PersonField> {
        switch role {
        case .member:
            PersonField.fields(in: [.identity, .contact, .membership, .financial])
        case .canvasser:
            [.title, .forenames, .surname, .electorNumber, .electorMarkers, .address]
        case .organiser:
            PersonField.fields(in: [.identity, .contact, .membership]).union([.canvassResults])
        case .membershipSecretary:
            PersonField.fields(in: [.identity, .contact, .membership, .financial])
        case .dataProtectionOfficer:
            PersonField.fields(in: [.identity, .contact, .membership, .financial]).union([.canvassResults])
        case .campaignManager, .administrator:
            []
        }
    }

    /// The fields `actor` may read of the person `personID`, placed in `areas` (their
    /// household's polling district and everything above it, and their branch) and on
    /// `walkLists`, for `purpose`.
    public static func readableFields(
        of personID: PersonID, in areas: Set<AreaID>, walkLists: Set<WalkListID> = [], actor: Actor, purpose: Purpose
    ) -> Set<PersonField> {
        if case .localOperator = actor.kind {
            return PersonField.fields(in: Set(DataClass.allCases).subtracting([.specialCategory]))
        }
        var fields = Set<PersonField>()
        for grant in actor.grants where grant.purpose == purpose {
            let covers: Bool
            if grant.role == .member {
                covers = actor.personID == personID
            } else if grant.role == .canvasser {
                covers = grant.scopeWalkListID.map(walkLists.contains) ?? false
            } else if let scope = grant.scopeAreaID {
                covers = areas.contains(scope)
            } else {
                covers = true
            }
            if covers { fields.formUnion(readableFields(for: grant.role)) }
        }
        return fields
    }

    /// Whether `actor` may change the contact details (email, phone, postal address) of the
    /// person `personID`, placed in `areas`, for `purpose`: a member their own, an organiser,
    /// membership secretary or DPO those of people in their scope. Canvassers record
    /// doorstep results, not contact details; administrators and campaign managers change
    /// no one's. Returns the grant that allows it, for the version's record.
    public static func contactChangeGrant(
        of personID: PersonID, in areas: Set<AreaID>, actor: Actor, purpose: Purpose
    ) -> Grant? {
        actor.grants.first { grant in
            guard grant.purpose == purpose else { return false }
            switch grant.role {
            case .member:
                return actor.personID == personID
            case .organiser, .membershipSecretary, .dataProtectionOfficer:
                return grant.scopeAreaID.map(areas.contains) ?? true
            case .canvasser, .campaignManager, .administrator:
                return false
            }
        }
    }

    /// Where a search by `actor` for `purpose` may look: the store narrows to this, and
    /// ``readableFields(of:in:actor:purpose:)`` checks every person found again.
    public static func searchScope(for actor: Actor, purpose: Purpose) -> PeopleScope {
        if case .localOperator = actor.kind { return .everyone }
        var scope = PeopleScope.nobody
        for grant in actor.grants where grant.purpose == purpose && !readableFields(for: grant.role).isEmpty {
            if grant.role == .member {
                if let person = actor.personID { scope.people.insert(person) }
            } else if grant.role == .canvasser {
                if let list = grant.scopeWalkListID { scope.walkLists.insert(list) }
            } else if let area = grant.scopeAreaID {
                scope.areas.insert(area)
            } else {
                scope.everyone = true
            }
        }
        return scope
    }

    /// The grant through which `actor` may record a doorstep result for a person whose
    /// household is on `walkLists`, on the list `list`: a canvasser's grant for that very list,
    /// while it lasts. Nobody else records results against a list.
    public static func canvassWriteGrant(onList list: WalkListID, personOn walkLists: Set<WalkListID>, actor: Actor) -> Grant? {
        guard walkLists.contains(list) else { return nil }
        return actor.grants.first { $0.role == .canvasser && $0.purpose == .canvassing && $0.scopeWalkListID == list }
    }

    /// The areas in which `actor` may run a canvass (create campaigns, cut, assign and print
    /// walk lists) and see its dashboard: an organiser's ward, a campaign manager's
    /// constituency or region. `.everyone` for the local operator.
    public static func canvassOrganisingScope(for actor: Actor) -> PeopleScope {
        if case .localOperator = actor.kind { return .everyone }
        var scope = PeopleScope.nobody
        for grant in actor.grants where [.organiser, .campaignManager].contains(grant.role) && grant.purpose == .campaignPlanning {
            if let area = grant.scopeAreaID { scope.areas.insert(area) } else { scope.everyone = true }
        }
        return scope
    }

    /// Whether a canvasser's standing grants let them be given a list in a district placed in
    /// `areas` (the district and everything above it).
    public static func mayHoldWalkList(in areas: Set<AreaID>, grants: [Grant]) -> Bool {
        grants.contains { $0.role == .canvasser && $0.scopeWalkListID == nil && ($0.scopeAreaID.map(areas.contains) ?? true) }
    }

    /// Whether `actor` may see the audit trail, alerts and access reports: the DPO (for data
    /// protection) or the local operator.
    public static func mayReviewAudit(_ actor: Actor) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { $0.role == .dataProtectionOfficer }
    }

    /// Whether `actor` may manage accounts and grants: an administrator or the local operator.
    public static func mayAdministerAccounts(_ actor: Actor) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { $0.role == .administrator }
    }

    /// Distinct people a role may read in a rolling day. Searches and lists charge every
    /// person returned; past the budget, reads are refused and the DPO alerted.
    public static func dailyBudget(for role: Role) -> Int {
        switch role {
        case .member: 5
        case .canvasser: 400
        case .organiser: 1_500
        case .membershipSecretary: 3_000
        case .dataProtectionOfficer: 5_000
        case .campaignManager, .administrator: 0
        }
    }

    /// The actor's budget: the largest of its roles' budgets. `nil` for the local operator.
    public static func dailyBudget(for actor: Actor, overrides: [Role: Int] = [:]) -> Int? {
        if case .localOperator = actor.kind { return nil }
        return actor.roles.map { overrides[$0] ?? dailyBudget(for: $0) }.max() ?? 0
    }
}

/// Which people a search may return: everyone, the people in some areas, or named people.
public struct PeopleScope: Sendable, Hashable {
    public var everyone: Bool
    public var areas: Set<AreaID>
    public var people: Set<PersonID>
    /// People whose household is on one of these walk lists.
    public var walkLists: Set<WalkListID>

    public static let everyone = PeopleScope(everyone: true, areas: [], people: [])
    public static let nobody = PeopleScope(everyone: false, areas: [], people: [])

    public init(everyone: Bool, areas: Set<AreaID>, people: Set<PersonID>, walkLists: Set<WalkListID> = []) {
        self.everyone = everyone
        self.areas = areas
        self.people = people
        self.walkLists = walkLists
    }

    public var isEmpty: Bool { !everyone && areas.isEmpty && people.isEmpty && walkLists.isEmpty }

    /// Whether an area placed in `chain` (an area and everything above it) lies within the scope.
    public func covers(_ chain: Set<AreaID>) -> Bool {
        everyone || !areas.isDisjoint(with: chain)
    }
}
