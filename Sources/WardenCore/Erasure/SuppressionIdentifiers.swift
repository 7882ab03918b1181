/// The identifiers by which a later import or mailing recognises someone the party erased and
/// must not contact again, as the text that is hashed (with a key from the key ring) into
/// suppression entries. The text itself is never stored.
///
/// One rule for both sides: erasure builds these from the person's record, and an import
/// builds them from each incoming entry, so the same person gives the same text.
public enum SuppressionIdentifiers {
    /// Name and address: how the electoral register finds people again.
    public static func nameAndAddress(nameKey: String, addressKey: String) -> String {
        "name-address|\(nameKey)|\(addressKey)"
    }

    /// Name and date of birth: a person who moved.
    public static func nameAndBirth(nameKey: String, dateOfBirth: CalendarDate) -> String {
        "name-birth|\(nameKey)|\(dateOfBirth)"
    }

    /// An email address, compared without case.
    public static func email(_ address: String) -> String {
        "email|\(address.lowercased())"
    }

    /// A phone number, compared by its digits.
    public static func phone(_ number: String) -> String {
        "phone|\(number.filter(\.isNumber))"
    }

    /// Every identifier of one person's record: each (name, address) and (name, birth) pair
    /// they are known by, and each email and phone contact point.
    public static func all(nameKey: String?, addressKeys: [String], dateOfBirth: CalendarDate?, contacts: [(kind: String, value: String)])
        -> [String] {
        var identifiers: [String] = []
        if let nameKey {
            identifiers += addressKeys.map { nameAndAddress(nameKey: nameKey, addressKey: $0) }
            if let dateOfBirth { identifiers.append(nameAndBirth(nameKey: nameKey, dateOfBirth: dateOfBirth)) }
        }
        for contact in contacts {
            switch contact.kind {
            case "email": identifiers.append(email(contact.value))
            case "phone": identifiers.append(phone(contact.value))
            default: break
            }
        }
        return Array(Set(identifiers)).sorted()
    }
}
