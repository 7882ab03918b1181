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

    /// The most `actor` may read of anyone for `purpose`, wherever they are placed: the local
    /// operator everything but special category data (which opens only for a grant that reads
    /// it), an account what its grants for the purpose allow.
    public static func readableFields(for actor: Actor, purpose: Purpose) -> Set<PersonField> {
        if case .localOperator = actor.kind {
            return PersonField.fields(in: Set(DataClass.allCases).subtracting([.specialCategory]))
        }
        return actor.grants.filter { serves($0, purpose) }.reduce(into: []) { $0.formUnion(readableFields(for: $1.role)) }
    }

    /// The fields `actor` may read of the person placed at `placement`, for `purpose`.
    public static func readableFields(of placement: Placement, actor: Actor, purpose: Purpose) -> Set<PersonField> {
        if case .localOperator = actor.kind { return readableFields(for: actor, purpose: purpose) }
        var fields = Set<PersonField>()
        for grant in actor.grants where serves(grant, purpose) && covers(grant, placement, actor: actor) {
            fields.formUnion(readableFields(for: grant.role))
        }
        return fields
    }

    /// Whether `grant` reaches the person at `placement`: a member their own record; a canvasser
    /// the *electors* at the doors of their list (not others who live there); a membership
    /// secretary the *members* placed in their area; other roles everyone placed in their area.
    static func covers(_ grant: Grant, _ placement: Placement, actor: Actor) -> Bool {
        switch grant.role {
        case .member:
            return actor.personID == placement.person
        case .canvasser:
            return placement.isElector && (grant.scopeWalkListID.map(placement.walkLists.contains) ?? false)
        case .membershipSecretary:
            return placement.isMember && inArea(grant, placement)
        case .organiser, .dataProtectionOfficer, .campaignManager, .administrator:
            return inArea(grant, placement)
        }
    }

    /// Whether `grant` may be used for `purpose`: a grant serves the purpose it was given for,
    /// and a data protection officer's grant also serves subject access, which is part of
    /// their job, so answering a request needs no grant of its own.
    public static func serves(_ grant: Grant, _ purpose: Purpose) -> Bool {
        grant.purpose == purpose || (purpose == .subjectAccess && grant.role == .dataProtectionOfficer)
    }

    static func inArea(_ grant: Grant, _ placement: Placement) -> Bool {
        grant.scopeAreaID.map(placement.areas.contains) ?? true
    }

    /// Whether `actor` may change the contact details (email, phone, postal address) of the
    /// person at `placement`, for `purpose`: a member their own, an organiser, membership
    /// secretary (members only) or DPO those of people in their scope. Canvassers record
    /// doorstep results, not contact details; administrators and campaign managers change
    /// no one's. Returns the grant that allows it, for the version's record.
    public static func contactChangeGrant(of placement: Placement, actor: Actor, purpose: Purpose) -> Grant? {
        actor.grants.first { grant in
            guard grant.purpose == purpose else { return false }
            switch grant.role {
            case .member, .organiser, .membershipSecretary, .dataProtectionOfficer:
                return covers(grant, placement, actor: actor)
            case .canvasser, .campaignManager, .administrator:
                return false
            }
        }
    }

    /// The grant through which `actor` may make `event` happen to the membership of the person
    /// at `placement`: a membership secretary's, over members in their area, for membership
    /// administration, for any move; and a member's own self-service grant for resigning their
    /// own membership. Nobody else changes a membership.
    public static func membershipChangeGrant(of placement: Placement, actor: Actor, event: MembershipEvent) -> Grant? {
        actor.grants.first { grant in
            mayChange(through: grant, event: event) && covers(grant, placement, actor: actor)
        }
    }

    /// Whether any grant of `actor` could make `event` happen to someone's membership: the
    /// check before the person is read, refused on the record when no grant could.
    public static func mayChangeMemberships(_ actor: Actor, event: MembershipEvent) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { mayChange(through: $0, event: event) }
    }

    private static func mayChange(through grant: Grant, event: MembershipEvent) -> Bool {
        switch grant.role {
        case .membershipSecretary: grant.purpose == .membershipAdministration
        case .member: grant.purpose == .selfService && event == .resigned
        case .canvasser, .organiser, .campaignManager, .dataProtectionOfficer, .administrator: false
        }
    }

    /// Where a search by `actor` for `purpose` may look: the store narrows to this, and
    /// ``readableFields(of:actor:purpose:)`` checks every person found again.
    public static func searchScope(for actor: Actor, purpose: Purpose) -> PeopleScope {
        if case .localOperator = actor.kind { return .everyone }
        var scope = PeopleScope.nobody
        for grant in actor.grants where serves(grant, purpose) && !readableFields(for: grant.role).isEmpty {
            if grant.role == .member {
                if let person = actor.personID { scope.people.insert(person) }
            } else if grant.role == .canvasser {
                if let list = grant.scopeWalkListID { scope.walkLists.insert(list) }
            } else if grant.role == .membershipSecretary {
                if let area = grant.scopeAreaID { scope.memberAreas.insert(area) } else { scope.everyMember = true }
            } else if let area = grant.scopeAreaID {
                scope.areas.insert(area)
            } else {
                scope.everyone = true
            }
        }
        return scope
    }

    /// The canvasser's grant for `list` itself, while it lasts: decided once per write, before
    /// the person is read. Nobody else records results against a list at the door; the
    /// organiser types in a returned paper sheet (``sheetEntryGrant(inDistrict:actor:)``).
    public static func canvassListGrant(_ list: WalkListID, actor: Actor) -> Grant? {
        actor.grants.first { $0.role == .canvasser && $0.purpose == .canvassing && $0.scopeWalkListID == list }
    }

    /// The organising grant through which `actor` types in the results of a returned paper
    /// sheet of a list in the district whose chain is `districtChain`: an organiser's or a
    /// campaign manager's grant for campaign planning over that district. The people must be
    /// on the sheet's list (``canvassWriteGrant(onList:personOn:holding:)``).
    public static func sheetEntryGrant(inDistrict districtChain: Set<AreaID>, actor: Actor) -> Grant? {
        actor.grants.first { grant in
            [.organiser, .campaignManager].contains(grant.role) && grant.purpose == .campaignPlanning
                && (grant.scopeAreaID.map(districtChain.contains) ?? true)
        }
    }

    /// `grant` (for `list`) when the person, whose household is on `walkLists`, is on that
    /// list: the part of the decision that needs the person, made in the write's transaction.
    public static func canvassWriteGrant(onList list: WalkListID, personOn walkLists: Set<WalkListID>, holding grant: Grant) -> Grant? {
        walkLists.contains(list) ? grant : nil
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

    /// Whether `actor` may import a file for `purpose` (a register for register maintenance,
    /// a membership export or payments report for membership administration). An import
    /// writes the whole party's records, so only the local operator at the server, or a
    /// membership secretary whose grant for that purpose covers the whole party (the top of
    /// the area hierarchy in `areas`, ``GrantPolicy/isWholeParty(_:area:)``: a grant a second
    /// person approved), may run one.
    public static func mayImport(_ actor: Actor, purpose: Purpose, areas: [AreaID: Area]) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { $0.role == .membershipSecretary && $0.purpose == purpose && coversWholeParty($0, areas: areas) }
    }

    /// Whether `actor` may define the party's survey (the parties and issues every campaign
    /// chooses from): the local operator, or a campaign manager whose grant covers the whole
    /// party (the top of the area hierarchy in `areas`).
    public static func mayDefineSurvey(_ actor: Actor, areas: [AreaID: Area]) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { $0.role == .campaignManager && coversWholeParty($0, areas: areas) }
    }

    /// Whether `grant` reaches the whole party: no walk list, and no area or the top of the
    /// hierarchy (``GrantPolicy/isWholeParty(_:area:)`` for a grant being made).
    static func coversWholeParty(_ grant: Grant, areas: [AreaID: Area]) -> Bool {
        guard grant.scopeWalkListID == nil else { return false }
        guard let scope = grant.scopeAreaID else { return true }
        return areas[scope].map { $0.parentID == nil } ?? false
    }

    /// Whether `actor` may see the audit trail, alerts and access reports, and handle subject
    /// access requests: the DPO (for data protection) or the local operator.
    public static func mayReviewAudit(_ actor: Actor) -> Bool {
        if case .localOperator = actor.kind { return true }
        return actor.grants.contains { $0.role == .dataProtectionOfficer }
    }

    /// Whether `actor` may take the subject access package of `people`: the DPO (or the local
    /// operator) for any records a case confirmed, and a member for exactly their own record,
    /// through a member grant for self-service.
    public static func mayTakeSubjectAccessPackage(of people: [PersonID], actor: Actor) -> Bool {
        if mayReviewAudit(actor) { return !people.isEmpty }
        guard let own = actor.personID, people == [own] else { return false }
        return actor.grants.contains { $0.role == .member && $0.purpose == .selfService }
    }

    /// Whether `actor` may carry out `erasure`: a data protection officer signed in to an
    /// account, who is not the one who asked for it. The local operator asks (the command
    /// line) but is never the second person: anyone with the machine could otherwise erase
    /// alone.
    public static func mayApproveErasure(_ erasure: Erasure, actor: Actor) -> Bool {
        guard case .account = actor.kind, actor.grants.contains(where: { $0.role == .dataProtectionOfficer }) else { return false }
        return actor.label != erasure.requestedBy
    }

    /// Whether `actor` may acknowledge `alert`: the DPO (or the operator), but never for an alert
    /// about themselves: alerts about an actor are closed by someone else.
    public static func mayAcknowledge(_ alert: Alert, actor: Actor) -> Bool {
        guard AccessPolicy.mayReviewAudit(actor) else { return false }
        if let account = actor.accountID, alert.accountID == account { return false }
        if case .account(_, let username) = actor.kind, alert.actor == username { return false }
        return true
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

/// Which people a search may return: everyone, the people in some areas, the members in some
/// areas, named people, or the electors on some walk lists.
public struct PeopleScope: Sendable, Hashable {
    public var everyone: Bool
    public var areas: Set<AreaID>
    public var people: Set<PersonID>
    /// Electors whose household is on one of these walk lists.
    public var walkLists: Set<WalkListID>
    /// Members placed in one of these areas.
    public var memberAreas: Set<AreaID>
    /// Every member, wherever placed.
    public var everyMember: Bool

    public static let everyone = PeopleScope(everyone: true, areas: [], people: [])
    public static let nobody = PeopleScope(everyone: false, areas: [], people: [])

    public init(everyone: Bool, areas: Set<AreaID>, people: Set<PersonID>, walkLists: Set<WalkListID> = [],
                memberAreas: Set<AreaID> = [], everyMember: Bool = false) {
        self.everyone = everyone
        self.areas = areas
        self.people = people
        self.walkLists = walkLists
        self.memberAreas = memberAreas
        self.everyMember = everyMember
    }

    public var isEmpty: Bool {
        !everyone && !everyMember && areas.isEmpty && people.isEmpty && walkLists.isEmpty && memberAreas.isEmpty
    }

    /// Whether an area placed in `chain` (an area and everything above it) lies within the scope.
    public func covers(_ chain: Set<AreaID>) -> Bool {
        everyone || !areas.isDisjoint(with: chain)
    }
}
