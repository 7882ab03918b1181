import WardenCore

/// What both imports need from an engine, inside the import's one transaction.
protocol ImportLedger {
    /// The household with this address key: its identifier and district.
    func household(key: String) throws -> (id: Int64, district: Int64?)?
    /// Places a household in a polling district.
    func placeHousehold(_ id: Int64, in district: Int64) throws
    /// Stores a household; returns its identifier.
    func addHousehold(key: String, address: Address, district: Int64?) throws -> Int64
    /// Stores a person; returns their identifier. `nameKey` is what matching looks them up by
    /// (`nil` keeps them out of matching: anonymous electors).
    func addPerson(_ name: PersonName, nameKey: String?, dateOfBirth: CalendarDate?, household: Int64?, at instant: Timestamp) throws -> Int64
    /// Marks people whose records the import changed, to be versioned as it commits.
    func touch(_ people: some Sequence<Int64>) throws
}

/// A current elector a register entry may be the same person as.
struct ElectorCandidate {
    var electorID: Int64
    var personID: Int64
    var number: ElectorNumber
    var markers: String
    var dateOfBirth: String?
    var householdID: Int64?
    var name: PersonName
}

/// What a register import needs from an engine besides ``ImportLedger``.
protocol RegisterLedger: ImportLedger {
    /// Starts the import's record; returns its identifier.
    func beginRegisterImport(file: String, layout: String, by actor: String, at instant: Timestamp) throws -> Int64
    /// Polling districts: code and identifier.
    func pollingDistricts() throws -> [(code: String, id: Int64)]
    func hasCurrentElectors() throws -> Bool
    func hasHouseholds() throws -> Bool
    func hasPeople() throws -> Bool
    /// Whether anyone is suppressed at all: an import checks entries only if so.
    func hasSuppressions() throws -> Bool
    /// Whether any of `hashes` is a suppression entry.
    func isSuppressed(_ hashes: [[UInt8]]) throws -> Bool
    /// Prepares tables for a first import into empty ones (and ``endBulkLoad()`` puts them back).
    func beginBulkLoad() throws
    func endBulkLoad() throws
    /// Current electors of other imports named `nameKey` in `household`, oldest first.
    func candidates(nameKey: String, household: Int64, otherThan importID: Int64) throws -> [ElectorCandidate]
    /// Current electors of other imports named `nameKey` born on `dateOfBirth`, oldest first.
    func candidates(nameKey: String, dateOfBirth: CalendarDate, otherThan importID: Int64) throws -> [ElectorCandidate]
    /// Ends an elector's entry, superseded by this import.
    func endElector(_ id: Int64, by importID: Int64) throws
    /// Brings a matched person's name, date of birth (only ever added) and household up to the entry.
    func updatePerson(_ id: Int64, from entry: RegisterEntry, household: Int64?, at instant: Timestamp) throws
    /// Stores the entry as the person's current elector; false when its number is already in this import.
    func addElector(_ entry: RegisterEntry, person: Int64, district: Int64, importID: Int64) throws -> Bool
    /// Ends the current entries of other imports in `districts`; returns how many.
    func endElectors(in districts: Set<Int64>, notIn importID: Int64) throws -> Int
    /// Stores the import's counts.
    func finishRegisterImport(_ importID: Int64, report: ImportReport) throws
    /// Touches everyone whose entry this import added or ended.
    func touchPeople(of importID: Int64) throws
}

/// A member as stored, to compare with the file's record.
struct StoredMember {
    var personID: Int64
    var status: String
    var joinedOn: String?
    var statusSince: String?
    var branchAreaID: Int64?
    var duesPence: Int?
}

/// What a membership import needs from an engine besides ``ImportLedger``.
protocol MemberLedger: ImportLedger {
    /// Wards: code, name and identifier.
    func wards() throws -> [(code: String, name: String, id: Int64)]
    func member(number: String) throws -> StoredMember?
    /// Writes the record's membership for `person`: a new member, or an update of theirs.
    func saveMember(_ record: MembershipRecord, person: Int64, branch: Int64?, isNew: Bool, at instant: Timestamp) throws
    /// Current electors, not yet members, named `nameKey` at `postcode`: identifier and date of birth.
    func linkCandidates(nameKey: String, postcode: String) throws -> [(id: Int64, dateOfBirth: String?)]
    /// Gives the person a date of birth if they have none.
    func addDateOfBirth(_ date: CalendarDate, to person: Int64) throws
    /// Adds a contact point, or updates the consent of the same one.
    func saveContact(_ point: ContactPoint, of person: Int64, at instant: Timestamp) throws
}
