public import WardenCore

/// An application to join, as the membership office types it in: one membership record,
/// read with exactly the checks an export's line gets (``MemberLayout``), so a name, an
/// address or an email is held to one rule wherever it comes from.
public enum MembershipApplication {
    /// The fields, by the membership export's column names (``MemberLayout``'s synonyms).
    public static let fields = ["Membership Number", "First Name", "Surname", "Date of Birth", "Email", "Mobile",
                                "Address 1", "Address 2", "Address 3", "Postcode", "Branch", "Dues", "Frequency",
                                "Email Consent", "SMS Consent", "Phone Consent", "Joined"]

    /// The record `values` (by field) describe, or every problem with them, named as
    /// `application:1: field: problem`.
    public static func record(_ values: [String: String]) throws(WardenError) -> Parsed<MembershipRecord> {
        let layout = try MemberLayout.detect(header: fields, mapping: nil, file: "application")
        return layout.record(from: CSVRecord(line: 1, fields: fields.map { values[$0] ?? "" }), file: "application")
    }
}
