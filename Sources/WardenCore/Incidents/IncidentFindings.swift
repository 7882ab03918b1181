/// How an incident reached a person.
public enum Exposure: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Their record was read (or came up in a search) by an account in question.
    case read
    /// Their record was changed.
    case changed
    /// They were on a printed sheet.
    case printed
    /// Their record was held where the incident happened (the database, a walk list).
    case held

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What the log and the versions say an incident reached: the people and how, the records, the
/// categories of data (special category readable or only sealed), per area, and who read the
/// people affected. Identifiers, counts and account labels only.
public struct IncidentFindings: Sendable, Hashable, Codable {
    public var scope: IncidentScope
    public var at: Timestamp
    /// Distinct people affected.
    public var people: Int
    /// Records involved: log entries and versions in scope, or the records held.
    public var records: Int
    public var exposures: [ExposureCount]
    public var categories: [CategoryCount]
    /// Whether special category data (voting intention, views) was exposed in readable form,
    /// or only sealed, which makes it unintelligible to anyone without the key ring (Art. 34(3)(a)).
    public var specialCategory: SpecialCategoryExposure
    public var areas: [AreaCount]
    /// Each person affected (not listed for the whole database: the counts say it).
    public var affected: [Affected]
    /// Accounts that read any of the people affected within the scope's window, and how often.
    public var readers: [Reader]

    public struct ExposureCount: Sendable, Hashable, Codable {
        public var exposure: Exposure
        public var people: Int
    }

    public struct CategoryCount: Sendable, Hashable, Codable {
        public var dataClass: DataClass
        public var people: Int
    }

    public enum SpecialCategoryExposure: String, Sendable, Hashable, Codable {
        /// None of the people affected had any.
        case none
        /// Held sealed only: unintelligible without the key ring.
        case sealed
        /// Opened by someone in scope: readable.
        case readable
    }

    public struct AreaCount: Sendable, Hashable, Codable {
        public var area: String
        public var people: Int
    }

    public struct Affected: Sendable, Hashable, Codable {
        public var person: PersonID
        public var exposures: [Exposure]
        /// Fields changed, if any.
        public var fields: [String]
        /// Accounts in scope that reached them.
        public var by: [String]
    }

    public struct Reader: Sendable, Hashable, Codable {
        public var actor: String
        public var people: Int
        public var entries: Int
    }

    public init(scope: IncidentScope, at: Timestamp, people: Int, records: Int, exposures: [ExposureCount], categories: [CategoryCount],
                specialCategory: SpecialCategoryExposure, areas: [AreaCount], affected: [Affected], readers: [Reader]) {
        self.scope = scope
        self.at = at
        self.people = people
        self.records = records
        self.exposures = exposures
        self.categories = categories
        self.specialCategory = specialCategory
        self.areas = areas
        self.affected = affected
        self.readers = readers
    }

    /// The statement the Art. 33 report and Art. 34(3)(a) turn on.
    public var specialCategoryStatement: String {
        switch specialCategory {
        case .none: "No special category data (political opinions) of the people affected was involved."
        case .sealed: "Special category data (voting intentions, views) was involved only sealed: encrypted under keys held outside the database, so unintelligible to anyone without them (Art. 34(3)(a))."
        case .readable: "Special category data (voting intentions, views) was opened in readable form by an account in question."
        }
    }
}

/// What the store found for a scope, before it is counted: who was reached how, where each
/// person is placed, and what the records held. Built by the store, counted by ``IncidentAnalysis``.
public struct IncidentEvidence: Sendable {
    /// One way one person was reached: by which account, with which classes of data, which fields.
    public struct Touch: Sendable, Hashable {
        public var person: PersonID
        public var exposure: Exposure
        public var actor: String
        public var dataClasses: Set<DataClass>
        public var fields: [String]

        public init(person: PersonID, exposure: Exposure, actor: String, dataClasses: Set<DataClass>, fields: [String] = []) {
            self.person = person
            self.exposure = exposure
            self.actor = actor
            self.dataClasses = dataClasses
            self.fields = fields
        }
    }

    public var touches: [Touch] = []
    /// Log entries and versions in scope.
    public var records = 0
    /// The ward (or area) each person affected is placed in, by name.
    public var placements: [PersonID: String] = [:]
    /// People affected who hold sealed doorstep answers.
    public var sealedHolders: Set<PersonID> = []
    /// Reads of the people affected within the window, by account: (entries, people).
    public var readers: [String: (entries: Int, people: Int)] = [:]
    /// For the whole database: how many people, and how many hold each class, per area.
    public var holdings: Holdings?

    public struct Holdings: Sendable, Hashable {
        public var people: Int
        /// People erased since the time asked about: held then, gone now.
        public var erasedSince: Int
        public var byClass: [DataClass: Int]
        public var byArea: [String: Int]
        public var records: Int

        public init(people: Int, erasedSince: Int, byClass: [DataClass: Int], byArea: [String: Int], records: Int) {
            self.people = people
            self.erasedSince = erasedSince
            self.byClass = byClass
            self.byArea = byArea
            self.records = records
        }
    }

    public init() {}
}
