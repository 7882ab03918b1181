/// A named field of personal data, with the ``DataClass`` that governs it.
///
/// The Gate filters what leaves the services field by field: a reader holding only
/// `identity` sees a person's name but not their email. Add a case here before adding a
/// column for a person anywhere else.
public enum PersonField: String, Sendable, Codable, CaseIterable {
    case title, forenames, surname, dateOfBirth = "date_of_birth"
    case electorNumber = "elector_number", electorMarkers = "elector_markers"
    case franchise, attainerDate = "attainer_date"
    case address, emails, phones, postalAddresses = "postal_addresses"
    case membershipNumber = "membership_number", membershipStatus = "membership_status"
    case joinedOn = "joined_on", branch
    /// The moves of a membership through its lifecycle, with who made them and why.
    case membershipHistory = "membership_history"
    /// The subscription and how far it is paid.
    case dues
    /// Collections and failed collections from payments reports.
    case payments
    /// Doorstep and phone results: outcomes, voting intention, views and notes.
    case canvassResults = "canvass_results"

    /// The class whose rules apply to this field.
    public var dataClass: DataClass {
        switch self {
        case .title, .forenames, .surname, .dateOfBirth,
             .electorNumber, .electorMarkers, .franchise, .attainerDate:
            .identity
        case .address, .emails, .phones, .postalAddresses:
            .contact
        case .membershipNumber, .membershipStatus, .joinedOn, .branch, .membershipHistory:
            .membership
        case .dues, .payments:
            .financial
        case .canvassResults:
            .specialCategory
        }
    }

    /// Fields belonging to any of `classes`.
    public static func fields(in classes: Set<DataClass>) -> Set<PersonField> {
        Set(allCases.filter { classes.contains($0.dataClass) })
    }
}
