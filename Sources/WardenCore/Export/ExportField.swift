/// A column group an export may carry, each read through one ``PersonField`` so that the
/// Gate's field rules decide exports exactly as they decide pages.
///
/// Contact columns honour consent: a phone is exported only when the person agreed to calls
/// on it, an email only when they agreed to email; otherwise the cell is empty.
public enum ExportField: String, Sendable, Codable, CaseIterable, Comparable {
    /// First names and surname, two columns.
    case name
    /// The registered address on one line, and the postcode beside it.
    case address
    case email
    case phone
    case electorNumber = "elector_number"
    case membershipNumber = "membership_number"
    /// The voting intention from the newest doorstep or phone result: special category data.
    case intention

    /// The person field the Gate must allow before this column is filled.
    public var personFields: Set<PersonField> {
        switch self {
        case .name: [.forenames, .surname]
        case .address: [.address]
        case .email: [.emails]
        case .phone: [.phones]
        case .electorNumber: [.electorNumber]
        case .membershipNumber: [.membershipNumber]
        case .intention: [.canvassResults]
        }
    }

    /// The header cells of this field's columns.
    public var columns: [String] {
        switch self {
        case .name: ["First names", "Surname"]
        case .address: ["Address", "Postcode"]
        case .email: ["Email"]
        case .phone: ["Phone"]
        case .electorNumber: ["Elector number"]
        case .membershipNumber: ["Membership number"]
        case .intention: ["Voting intention"]
        }
    }

    /// Whether the field is UK GDPR Article 9 data, which only a purpose allowing it and the
    /// DPO's explicit approval let out.
    public var isSpecialCategory: Bool { personFields.contains { $0.dataClass == .specialCategory } }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The fields named in `text` (`"name,address"`), in column order; an error naming the
    /// first unknown one.
    public static func parse(_ text: String) throws(WardenError) -> [ExportField] {
        var fields = Set<ExportField>()
        for word in text.split(separator: ",").map({ String($0).trimmingCharacters(in: " ") }) where !word.isEmpty {
            guard let field = ExportField(rawValue: String(word)) else {
                throw .invalidRequest("fields: \"\(SafeText.line(String(word.prefix(40))))\" is not one of \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            fields.insert(field)
        }
        return fields.sorted()
    }
}
