/// The party's record of processing (UK GDPR Art. 30), which also answers what every subject
/// access package must tell the requester (Art. 15(1)(a)–(h) and 15(2)): why their data is
/// processed, what kinds, who receives it, how long it is kept, their rights, where to
/// complain, where data not collected from them came from, and any automated decisions.
///
/// The party sets its own (`warden privacy register --set FILE`); until then ``ukPartyDefault``
/// describes what Warden itself does for a UK party.
public struct ProcessingRegister: Sendable, Hashable, Codable {
    /// The controller: the party's name and address.
    public var controller: String
    /// How to reach the data protection officer.
    public var dataProtectionOfficer: String
    public var activities: [Activity]
    /// The requester's rights besides access, in words (Art. 15(1)(e)).
    public var rights: [String]
    /// Where to complain (Art. 15(1)(f)).
    public var complaints: String
    /// Automated decision-making, including profiling (Art. 15(1)(h)).
    public var automatedDecisions: String
    /// Transfers outside the UK and their safeguards (Art. 15(2)).
    public var internationalTransfers: String
    /// The periods Warden applies by itself; ``RetentionSchedule/ukPartyDefault`` when left out.
    public var retentionSchedule: RetentionSchedule?

    /// The schedule in force.
    public var schedule: RetentionSchedule { retentionSchedule ?? .ukPartyDefault }

    /// One purpose of processing and everything Art. 30 asks about it.
    public struct Activity: Sendable, Hashable, Codable {
        public var name: String
        public var purposes: String
        public var lawfulBasis: String
        /// The Art. 9 condition, where special category data (political opinions) is processed.
        public var specialCategoryCondition: String?
        public var dataCategories: [String]
        public var people: [String]
        public var recipients: [String]
        public var retention: String
        /// Where data not collected from the person comes from (Art. 15(1)(g)).
        public var sources: [String]

        public init(name: String, purposes: String, lawfulBasis: String, specialCategoryCondition: String?, dataCategories: [String],
                    people: [String], recipients: [String], retention: String, sources: [String]) {
            self.name = name
            self.purposes = purposes
            self.lawfulBasis = lawfulBasis
            self.specialCategoryCondition = specialCategoryCondition
            self.dataCategories = dataCategories
            self.people = people
            self.recipients = recipients
            self.retention = retention
            self.sources = sources
        }
    }

    public init(controller: String, dataProtectionOfficer: String, activities: [Activity], rights: [String], complaints: String,
                automatedDecisions: String, internationalTransfers: String, retentionSchedule: RetentionSchedule? = nil) {
        self.controller = controller
        self.dataProtectionOfficer = dataProtectionOfficer
        self.activities = activities
        self.rights = rights
        self.complaints = complaints
        self.automatedDecisions = automatedDecisions
        self.internationalTransfers = internationalTransfers
        self.retentionSchedule = retentionSchedule
    }

    /// Problems that make the register unfit to give a requester, each naming its field.
    public var problems: [String] {
        var problems: [String] = []
        if controller.trimmingCharacters(in: " ").isEmpty { problems.append("controller: name the party") }
        if dataProtectionOfficer.trimmingCharacters(in: " ").isEmpty { problems.append("dataProtectionOfficer: say how to reach them") }
        if activities.isEmpty { problems.append("activities: at least one") }
        for (index, activity) in activities.enumerated() {
            if activity.name.isEmpty || activity.purposes.isEmpty || activity.lawfulBasis.isEmpty || activity.retention.isEmpty {
                problems.append("activities[\(index)]: name, purposes, lawfulBasis and retention are required")
            }
        }
        if complaints.isEmpty { problems.append("complaints: say where to complain") }
        return problems + schedule.problems
    }
}
