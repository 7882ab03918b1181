/// Which fields of a person each role may read: pure, so every rule is unit-testable.
///
/// This is the data-minimisation half of the Gate: a role sees only the fields its job
/// needs (a canvasser never sees emails or dues; an administrator sees nobody). Scopes
/// (which people) are decided by grants; this decides which fields of them.
public enum AccessPolicy {
    /// The fields `role` may read of a person in its scope.
    public static func readableFields(for role: Role) -> Set<PersonField> {
        switch role {
        case .member:
            PersonField.fields(in: [.identity, .contact, .membership, .financial])
        case .canvasser:
            [.title, .forenames, .surname, .electorNumber, .electorMarkers, .address]
        case .organiser:
            PersonField.fields(in: [.identity, .contact, .membership])
        case .membershipSecretary, .dataProtectionOfficer:
            PersonField.fields(in: [.identity, .contact, .membership, .financial])
        case .campaignManager:
            [.title, .forenames, .surname, .electorNumber, .address]
        case .administrator:
            []
        }
    }

    /// The fields `actor` may read: the union over its roles. The local operator (who
    /// already holds the database file and key ring) reads every non-special field.
    public static func readableFields(for actor: Actor) -> Set<PersonField> {
        if case .localOperator = actor.kind {
            return PersonField.fields(in: Set(DataClass.allCases).subtracting([.specialCategory]))
        }
        return actor.roles.reduce(into: Set<PersonField>()) { $0.formUnion(readableFields(for: $1)) }
    }

    /// Whether `actor` may search and list people at all.
    public static func mayReadPeople(_ actor: Actor) -> Bool {
        !readableFields(for: actor).isEmpty
    }
}
