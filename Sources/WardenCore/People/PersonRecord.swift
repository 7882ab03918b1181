/// Everything the store holds about one person, as it leaves the store.
///
/// Only the services ever see a whole record: the Gate turns it into a ``PersonView``
/// holding just the fields the reader may see before it goes anywhere else.
public struct PersonRecord: Sendable, Hashable {
    public var person: Person
    public var address: Address?
    public var elector: Elector?
    public var member: Member?
    /// Emails, phones and postal addresses; `nil` when not loaded (search results carry none).
    public var contactPoints: [ContactPoint]?
    /// Polling district, ward, constituency … of the person's household, smallest first.
    public var homeAreas: [Area]
    /// The member's branch and the areas above it that are not already in ``homeAreas``.
    /// Kept apart because they tell membership: only readers of ``PersonField/branch`` see them.
    public var branchAreas: [Area]
    /// The walk lists the person's household is on.
    public var walkLists: Set<WalkListID>
    /// Doorstep and phone results, answers still sealed; `nil` when not loaded.
    public var canvass: [SealedCanvassContact]?

    public init(
        person: Person, address: Address?, elector: Elector?, member: Member?, contactPoints: [ContactPoint]?, homeAreas: [Area],
        branchAreas: [Area] = [], walkLists: Set<WalkListID> = [], canvass: [SealedCanvassContact]? = nil
    ) {
        self.walkLists = walkLists
        self.canvass = canvass
        self.person = person
        self.address = address
        self.elector = elector
        self.member = member
        self.contactPoints = contactPoints
        self.homeAreas = homeAreas
        self.branchAreas = branchAreas
    }
}

extension PersonRecord {
    /// Every area the person is placed in: home first, then the branch's.
    public var areas: [Area] { homeAreas + branchAreas }
}

/// What a reader is shown of a person: only the fields their grants allow, the rest absent.
public struct PersonView: Sendable, Hashable, Codable {
    public var id: PersonID
    public var title: String?
    public var forenames: String?
    public var surname: String?
    public var dateOfBirth: CalendarDate?
    public var electorNumber: String?
    public var electorMarkers: String?
    public var franchise: String?
    public var attainerDate: CalendarDate?
    public var address: Address?
    public var emails: [ContactPoint]?
    public var phones: [ContactPoint]?
    public var postalAddresses: [ContactPoint]?
    public var membershipNumber: String?
    public var membershipStatus: MembershipStatus?
    public var joinedOn: CalendarDate?
    public var branch: String?
    public var dues: Dues?
    public var paidUntil: CalendarDate?
    public var payments: [PaymentEntry]?
    public var membershipHistory: [MembershipHistoryEntry]?
    /// Area names from polling district up: not personal data on their own. The branch's areas
    /// are listed only for readers who may see the branch, since they tell membership.
    public var areas: [AreaRef]
    /// The fields withheld from this reader, so pages can say "hidden" rather than "none".
    public var withheld: [PersonField]
    /// Doorstep and phone results, opened by the Gate when the reader may see them.
    public var canvass: [CanvassContactView]?

    /// Builds the view of `record` holding only `fields`.
    public init(_ record: PersonRecord, fields: Set<PersonField>) {
        func allowed(_ field: PersonField) -> Bool { fields.contains(field) }
        id = record.person.id
        title = allowed(.title) ? record.person.name.title : nil
        forenames = allowed(.forenames) ? record.person.name.forenames : nil
        surname = allowed(.surname) ? record.person.name.surname : nil
        dateOfBirth = allowed(.dateOfBirth) ? record.person.dateOfBirth : nil
        electorNumber = allowed(.electorNumber) ? record.elector?.number.description : nil
        electorMarkers = allowed(.electorMarkers) ? record.elector?.markers : nil
        franchise = allowed(.franchise) ? record.elector?.franchise : nil
        attainerDate = allowed(.attainerDate) ? record.elector?.attainerDate : nil
        address = allowed(.address) ? record.address : nil
        emails = allowed(.emails) ? record.contactPoints?.filter { $0.kind == .email } : nil
        phones = allowed(.phones) ? record.contactPoints?.filter { $0.kind == .phone } : nil
        postalAddresses = allowed(.postalAddresses) ? record.contactPoints?.filter { $0.kind == .postal } : nil
        membershipNumber = allowed(.membershipNumber) ? record.member?.membershipNumber : nil
        membershipStatus = allowed(.membershipStatus) ? record.member?.status : nil
        joinedOn = allowed(.joinedOn) ? record.member?.joinedOn : nil
        branch = allowed(.branch) ? record.areas.first { $0.id == record.member?.branchWardID }?.name : nil
        dues = allowed(.dues) ? record.member?.dues : nil
        paidUntil = allowed(.dues) ? record.member?.paidUntil : nil
        payments = allowed(.payments) ? record.member?.payments : nil
        membershipHistory = allowed(.membershipHistory) ? record.member?.history : nil
        areas = (allowed(.branch) ? record.areas : record.homeAreas).map(AreaRef.init)
        withheld = PersonField.allCases.filter { !fields.contains($0) }
    }

    /// The name as far as the reader may see it.
    public var displayName: String {
        [forenames, surname].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// An area's identity, level and name, for breadcrumbs.
public struct AreaRef: Sendable, Hashable, Codable {
    public var id: AreaID
    public var level: AreaLevel
    public var name: String

    public init(_ area: Area) {
        id = area.id
        level = area.level
        name = area.name
    }
}
