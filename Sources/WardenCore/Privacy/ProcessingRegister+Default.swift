extension ProcessingRegister {
    /// What Warden does, described for a UK political party, for the party to adjust: the
    /// controller's name and the DPO's address are left for the party to fill in.
    public static let ukPartyDefault = ProcessingRegister(
        controller: "The party (set its name and address with `warden privacy register --set`)",
        dataProtectionOfficer: "The party's data protection officer (set how to reach them with `warden privacy register --set`)",
        activities: [
            Activity(
                name: "Membership administration",
                purposes: "Keeping the register of members, collecting subscriptions, telling members of meetings and selections, and running internal ballots",
                lawfulBasis: "Art. 6(1)(b) (the membership contract) and 6(1)(f) (the party's legitimate interests in running itself)",
                specialCategoryCondition: "Art. 9(2)(d): processing by a not-for-profit body with a political aim, about its members",
                dataCategories: ["name", "address", "date of birth", "email and phone", "membership number, status and branch", "subscriptions"],
                people: ["members", "former members"],
                recipients: ["the party's membership secretaries and organisers for their area", "the party's data protection officer"],
                retention: "While a member, then six years after membership ends (accounting and dispute records), then erased",
                sources: ["the member themselves", "the party's membership system, imported into Warden"]),
            Activity(
                name: "Canvassing and voter contact",
                purposes: "Contacting electors at the door and by phone at elections, and recording how they say they may vote",
                lawfulBasis: "Art. 6(1)(e) with s. 8(e) Data Protection Act 2018 (an activity that supports democratic engagement)",
                specialCategoryCondition: "Schedule 1 para. 22 Data Protection Act 2018 (political parties)",
                dataCategories: ["name", "address", "elector number and markers", "voting intention and views given at the door (sealed)", "do-not-contact requests"],
                people: ["electors in the areas the party campaigns in"],
                recipients: ["the party's canvassers, only for the walk lists they hold, while they hold them", "the party's organisers for their ward"],
                retention: "The register entries of each edition until the next edition replaces them; doorstep answers for four years after the election they were collected for",
                sources: ["the electoral register, supplied to the party by the electoral registration officer under the Representation of the People Regulations 2001", "what the person said at the door or on the phone"]),
            Activity(
                name: "Security and accountability",
                purposes: "Recording who read or changed whose data, to detect misuse and to answer requests like this one",
                lawfulBasis: "Art. 6(1)(c) (Art. 5(2) and 32 UK GDPR) and 6(1)(f)",
                specialCategoryCondition: nil,
                dataCategories: ["the log of reads and changes of a record: when, by which role, for what purpose"],
                people: ["everyone whose record is held", "the party's staff and volunteers who use Warden"],
                recipients: ["the party's data protection officer"],
                retention: "The log is kept for as long as the records it describes, and six years after",
                sources: ["Warden itself"]),
        ],
        rights: [
            "to have inaccurate data corrected (rectification, Art. 16)",
            "to have data erased (Art. 17)",
            "to restrict processing (Art. 18)",
            "to object to processing, including canvassing, at any time (Art. 21)",
            "to receive the data you gave in a machine-readable form (portability, Art. 20): the JSON file in this package",
        ],
        complaints: "You may complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint, 0303 123 1113, Wycliffe House, Water Lane, Wilmslow SK9 5AF",
        automatedDecisions: "None: Warden makes no decision about you by automated means and does not profile you",
        internationalTransfers: "None: Warden keeps your data in the United Kingdom",
        retentionSchedule: .ukPartyDefault)
}
