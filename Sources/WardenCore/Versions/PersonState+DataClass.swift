extension PersonState.Key {
    /// The class of data a version's field holds: what an incident that changed it touched.
    public var dataClass: DataClass {
        switch self {
        case .title, .forenames, .surname, .dateOfBirth, .elector: .identity
        case .address, .email, .phone, .postal: .contact
        case .membershipNumber, .membershipStatus, .joinedOn, .statusSince, .branch: .membership
        case .dues: .financial
        case .canvass: .specialCategory
        }
    }
}
