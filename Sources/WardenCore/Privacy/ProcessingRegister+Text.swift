extension ProcessingRegister {
    /// The record of processing activities (Art. 30(1)) as plain text, for the DPO to print
    /// or hand to the ICO on request.
    public var recordOfProcessing: String {
        var lines = ["Record of processing activities (UK GDPR Art. 30)", "", "Controller: \(controller)",
                     "Data protection officer: \(dataProtectionOfficer)", ""]
        for activity in activities {
            lines += [
                activity.name, "  Purposes: \(activity.purposes)", "  Lawful basis: \(activity.lawfulBasis)",
                "  Special category condition: \(activity.specialCategoryCondition ?? "none")",
                "  Categories of data: \(activity.dataCategories.joined(separator: ", "))",
                "  Categories of people: \(activity.people.joined(separator: ", "))",
                "  Recipients: \(activity.recipients.joined(separator: "; "))",
                "  Retention: \(activity.retention)", "  Sources: \(activity.sources.joined(separator: "; "))", "",
            ]
        }
        let periods = schedule
        lines += ["Retention applied by Warden every day: former members \(periods.formerMembersYears) years after leaving "
                  + "(kept as electors while on the register); electors no longer on the register and not members \(periods.offRegisterDays) days; "
                  + "doorstep results \(periods.canvassAnswersYears) years after their campaign; sessions and sign-in records \(periods.sessionDays) days; "
                  + "the audit log is kept", ""]
        lines += ["Transfers abroad: \(internationalTransfers)", "Automated decisions: \(automatedDecisions)",
                  "Security: access by grant, role and purpose with a second factor; every read and change in a tamper-evident log; special category answers sealed under keys kept outside the database"]
        return lines.joined(separator: "\n")
    }
}
