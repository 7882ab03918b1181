public import WardenCore

/// Where each membership field sits in an export, found by header name.
///
/// Party systems name their columns differently ("Membership No", "Member ID"); the usual
/// spellings are recognised, and a ``ColumnMapping`` covers the rest with these fields:
/// `membershipNumber`, `title`, `forenames`, `surname`, `dateOfBirth`, `email`, `phone`
/// (a list), `address` (a list), `postcode`, `status`, `joinedOn`, `statusSince`, `branch`,
/// `dues`, `duesFrequency`, `emailConsent`, `smsConsent`, `callConsent`.
public struct MemberLayout: Sendable {
    var headers: [String]
    var membershipNumber: Int
    var title: Int?
    var forenames: Int?
    var surname: Int
    var dateOfBirth: Int?
    var email: Int?
    var phones: [Int]
    var address: [Int]
    var postcode: Int?
    var status: Int?
    var joinedOn: Int?
    var statusSince: Int?
    var branch: Int?
    var dues: Int?
    var duesFrequency: Int?
    var emailConsent: Int?
    var smsConsent: Int?
    var callConsent: Int?

    static let synonyms: [String: [String]] = [
        "membershipNumber": ["Membership Number", "Membership No", "Member Number", "Member No", "Member ID", "Membership ID"],
        "title": ["Title"],
        "forenames": ["First Name", "Forename", "Forenames", "Given Name", "First Names"],
        "surname": ["Last Name", "Surname", "Family Name"],
        "dateOfBirth": ["Date of Birth", "DOB", "Birth Date"],
        "email": ["Email", "Email Address", "E-mail"],
        "phone": ["Mobile", "Mobile Phone", "Phone", "Telephone", "Home Phone", "Landline"],
        "postcode": ["Postcode", "Post Code", "PostCode"],
        "status": ["Status", "Membership Status", "Member Status"],
        "joinedOn": ["Joined", "Join Date", "Date Joined", "Joined On"],
        "statusSince": ["Status Date", "Status Since", "Lapsed Date", "Date Left"],
        "branch": ["Branch", "Ward", "Branch Code", "Ward Code"],
        "dues": ["Dues", "Subscription", "Rate", "Amount"],
        "duesFrequency": ["Frequency", "Payment Frequency", "Dues Frequency"],
        "emailConsent": ["Email Consent", "Email Opt In", "Email OK"],
        "smsConsent": ["SMS Consent", "SMS Opt In", "SMS OK", "Text Consent"],
        "callConsent": ["Phone Consent", "Call Consent", "Phone OK"],
    ]

    /// Finds the columns of a membership export from its header, or from `mapping`.
    public static func detect(header: [String], mapping: ColumnMapping?, file: String) throws(WardenError) -> MemberLayout {
        let h = HeaderIndex(header)
        func find(_ field: String) throws(WardenError) -> Int? {
            if let mapped = try mapping?.positions(of: field, in: h, file: file) { return mapped.first }
            return h.column(synonyms[field] ?? [])
        }
        func findAll(_ field: String, numbered prefixes: [String]) throws(WardenError) -> [Int] {
            if let mapped = try mapping?.positions(of: field, in: h, file: file) { return mapped }
            return h.numberedColumns(prefixes, limit: 9)
        }
        guard let number = try find("membershipNumber") else {
            throw .invalidRequest("\(file):1: header: no membership number column (expected \"Membership Number\" or a column mapping)")
        }
        guard let surname = try find("surname") else {
            throw .invalidRequest("\(file):1: header: no surname column (expected \"Surname\" or \"Last Name\", or a column mapping)")
        }
        var phones = try mapping?.positions(of: "phone", in: h, file: file) ?? []
        if mapping?.columns["phone"] == nil {
            phones = (synonyms["phone"] ?? []).compactMap { h.column($0) }
        }
        return MemberLayout(
            headers: header, membershipNumber: number, title: try find("title"), forenames: try find("forenames"),
            surname: surname, dateOfBirth: try find("dateOfBirth"), email: try find("email"), phones: phones,
            address: try findAll("address", numbered: ["Address", "Address Line"]), postcode: try find("postcode"),
            status: try find("status"), joinedOn: try find("joinedOn"), statusSince: try find("statusSince"),
            branch: try find("branch"), dues: try find("dues"), duesFrequency: try find("duesFrequency"),
            emailConsent: try find("emailConsent"), smsConsent: try find("smsConsent"), callConsent: try find("callConsent"))
    }
}
