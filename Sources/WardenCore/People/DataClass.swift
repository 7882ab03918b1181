/// The sensitivity class of a field of personal data.
///
/// Every field Warden holds about a person belongs to exactly one class. Access policy
/// grants classes, not fields, so that a new field is covered by the rules of its class
/// the moment it is declared; encryption at rest keys off ``specialCategory``.
public enum DataClass: String, Sendable, Codable, CaseIterable, Comparable {
    /// Who the person is: name, date of birth, elector number.
    case identity
    /// How to reach them: postal address, emails, phones and their consents.
    case contact
    /// Their membership: number, status, dates, branch.
    case membership
    /// Money: dues, payments.
    case financial
    /// UK GDPR Article 9 data: political opinions, voting intention, doorstep notes.
    case specialCategory = "special_category"
    /// Anything Warden or a model inferred about them (scores, segments).
    case derivedProfile = "derived_profile"

    public static func < (lhs: DataClass, rhs: DataClass) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .identity: 0
        case .contact: 1
        case .membership: 2
        case .financial: 3
        case .specialCategory: 4
        case .derivedProfile: 5
        }
    }
}
