/// A change to one kind of a person's contact details: set the one email, phone or postal
/// address the party uses, or remove it (`value == nil`), and optionally what the person
/// consents to through it.
public struct ContactEdit: Sendable, Hashable, Codable {
    public var kind: ContactPoint.Kind
    public var value: String?
    /// The channels the person now consents to on this contact point; `nil` carries over
    /// what they consented to before.
    public var consent: Set<ContactPoint.Channel>?

    /// Puts back a value Warden held before (a rollback): it was checked when first written.
    public init(restoring kind: ContactPoint.Kind, value: String?) {
        self.kind = kind
        self.value = value
    }

    /// Checks and canonicalises `text` for `kind`; empty text removes the contact point.
    /// Errors name the field, never the value.
    public init(kind: ContactPoint.Kind, text: String?, consent: Set<ContactPoint.Channel>? = nil) throws {
        self.kind = kind
        if let consent {
            let allowed = ContactPoint.channels(for: kind)
            guard consent.isSubset(of: allowed) else {
                throw WardenError.invalidRequest("consent: \(kind.rawValue) takes \(allowed.sorted().map(\.rawValue).joined(separator: " or "))")
            }
        }
        self.consent = consent
        let trimmed = text?.trimmingCharacters(in: " ").description ?? ""
        guard !trimmed.isEmpty else {
            value = nil
            return
        }
        guard !trimmed.contains(where: { $0.isNewline || $0 == "\t" }) || kind == .postal else {
            throw WardenError.invalidRequest("\(kind.rawValue): must be on one line")
        }
        switch kind {
        case .email:
            guard ContactPoint.isPlausibleEmail(trimmed) else { throw WardenError.invalidRequest("email: not an email address") }
            value = trimmed
        case .phone:
            guard let phone = ContactPoint.canonicalPhone(trimmed) else { throw WardenError.invalidRequest("phone: not a UK phone number") }
            value = phone
        case .postal:
            let lines = trimmed.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: Character(" ")).description }.filter { !$0.isEmpty }
            guard lines.count >= 2, trimmed.count <= 400, !trimmed.contains("\t") else {
                throw WardenError.invalidRequest("postal: give at least two lines (street and postcode), 400 characters at most")
            }
            value = lines.joined(separator: "\n")
        }
    }
}
