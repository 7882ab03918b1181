/// Anyone the party holds data about: an elector, a member, a supporter or a volunteer.
///
/// A person is the stable identity that history hangs on. Electoral register entries
/// and memberships come and go (next year's register renumbers everyone); the person
/// and everything recorded about them survives.
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: PersonID
    public var name: PersonName
    /// ISO 8601 calendar date, when known.
    public var dateOfBirth: CalendarDate?
    /// The household (address) they live at; `nil` for overseas electors and unknown addresses.
    public var householdID: HouseholdID?

    public init(id: PersonID, name: PersonName, dateOfBirth: CalendarDate? = nil, householdID: HouseholdID? = nil) {
        self.id = id
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.householdID = householdID
    }
}

/// A person's name as the register or the membership system spells it.
public struct PersonName: Sendable, Hashable, Codable {
    public var title: String?
    public var forenames: String
    public var surname: String

    public init(title: String? = nil, forenames: String, surname: String) {
        self.title = title
        self.forenames = forenames
        self.surname = surname
    }

    /// "Forenames Surname", for display.
    public var displayName: String {
        [forenames, surname].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A spelling- and case-insensitive key for matching the same person across files:
    /// surname and first forename, upper-cased, letters only (`"SMITH|JANE"`). Surname first,
    /// so one index serves both matching and searching by surname prefix.
    public var matchKey: String {
        let first = forenames.split(separator: " ").first.map(String.init) ?? ""
        return Normalize.letters(surname) + "|" + Normalize.letters(first)
    }

    /// The name on an anonymous register entry: there is none.
    public static let anonymous = PersonName(forenames: "", surname: "")
}
