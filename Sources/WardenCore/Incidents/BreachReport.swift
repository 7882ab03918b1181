import Foundation

/// The report to the Information Commissioner (UK GDPR Art. 33(3)) and the draft notice to the
/// people affected (Art. 34(2)), written from an incident and its findings: counts, categories
/// and the DPO's words, never anyone's personal data.
public enum BreachReport {
    /// The Art. 33 report as plain text, every phase so far in order; `dpo` is how to reach
    /// the data protection officer (from the processing register).
    public static func text(_ incident: Incident, findings: IncidentFindings, controller: String, dpo: String, now: Timestamp) -> String {
        var lines = ["Personal data breach report (UK GDPR Art. 33)", "",
                     "Controller: \(controller)",
                     "Data protection officer (Art. 33(3)(b)): \(dpo)",
                     "Incident \(incident.id): \(incident.title)",
                     "Became aware: \(incident.awareAt); report due by \(incident.reportDue) (72 hours)"]
        if let left = incident.hoursLeft(at: now) {
            lines.append(left >= 0 ? "Not yet reported: \(left) hours left" : "Not yet reported: \(-left) hours late; say why in the first phase (Art. 33(1))")
        }
        lines += ["", "Scope of the assessment: \(findings.scope.description)", "Assessed at: \(findings.at)", "",
                  "Approximate number of people concerned (Art. 33(3)(a)): \(findings.people)",
                  "Approximate number of records concerned: \(findings.records)"]
        for exposure in findings.exposures {
            lines.append("  \(exposure.exposure.rawValue): \(exposure.people) people")
        }
        lines.append("Categories of personal data concerned:")
        for category in findings.categories {
            lines.append("  \(category.dataClass.rawValue.replacingOccurrences(of: "_", with: " ")): \(category.people) people")
        }
        lines.append(findings.specialCategoryStatement)
        if !findings.areas.isEmpty {
            lines.append("People concerned by area:")
            for area in findings.areas.prefix(50) { lines.append("  \(area.area): \(area.people)") }
        }
        for (number, phase) in incident.phases.enumerated() {
            lines += ["", "Phase \(number + 1), \(phase.at), by \(phase.by)",
                      "Nature of the breach (Art. 33(3)(a)): \(phase.nature)",
                      "Likely consequences (Art. 33(3)(c)): \(phase.consequences)",
                      "Measures taken or proposed (Art. 33(3)(d)): \(phase.measures)"]
        }
        if incident.phases.isEmpty { lines += ["", "No phase written yet: add the nature, likely consequences and measures."] }
        if let notice = incident.notice {
            lines += ["", "People notified (Art. 34): \(notice.emailed) by email, \(notice.toPost) to write to by post; wording approved by \(notice.approvedBy) at \(notice.approvedAt)"]
        }
        return lines.joined(separator: "\n")
    }

    /// The notice Warden drafts for the DPO to approve or edit (Art. 34(2): in clear and plain
    /// language, the nature of the breach, the DPO's contact, the likely consequences and the
    /// measures). It addresses no one by name: the same words go to everyone affected.
    public static func draftNotice(_ incident: Incident, findings: IncidentFindings, controller: String, dpo: String) -> (subject: String, body: String) {
        let phase = incident.phases.last
        let special = findings.specialCategory == .readable
            ? "This may have included how you told us you might vote."
            : findings.specialCategory == .sealed
                ? "Anything you told us about how you might vote was stored encrypted and could not be read."
                : ""
        let body = """
            We are writing to tell you about a problem with the personal data \(controller) holds about you.

            What happened: \(phase?.nature ?? incident.title)

            What it involved: \(findings.categories.map { $0.dataClass.words }.joined(separator: ", ")). \(special)

            What it may mean for you: \(phase?.consequences ?? "we are still assessing this and will write again")

            What we have done: \(phase?.measures ?? "we are investigating and have stopped the access involved")

            If you have questions, or want to exercise your rights (including to see the data we hold about you), contact our data protection officer: \(dpo).
            You can also complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint, 0303 123 1113.
            """
        return ("About your personal data: a notice from \(controller)", body)
    }
}

extension DataClass {
    /// The class in plain words, for notices.
    public var words: String {
        switch self {
        case .identity: "your name and elector details"
        case .contact: "your address and contact details"
        case .membership: "your membership details"
        case .financial: "your subscription details"
        case .specialCategory: "your political opinions as you told them to us"
        case .derivedProfile: "what we inferred about you"
        }
    }
}
