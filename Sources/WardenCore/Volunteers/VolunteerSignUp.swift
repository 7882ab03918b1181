/// What someone typed into the public volunteer form, kept (with nothing else) until they
/// follow the link in their confirmation email: only a confirmed sign-up becomes a volunteer,
/// so nobody can sign someone else up.
public struct VolunteerSignUp: Sendable, Hashable, Codable {
    public var forenames: String
    public var surname: String
    public var email: String
    /// The code of the area they want to help in, if they chose one.
    public var areaCode: String
    public var skills: Set<VolunteerSkill>
    public var availability: String
    /// Whether they agreed to campaigning email at this address.
    public var emailConsent: Bool

    public init(forenames: String, surname: String, email: String, areaCode: String, skills: Set<VolunteerSkill>,
                availability: String, emailConsent: Bool) {
        self.forenames = forenames
        self.surname = surname
        self.email = email
        self.areaCode = areaCode
        self.skills = skills
        self.availability = availability
        self.emailConsent = emailConsent
    }
}

/// What a confirmation link did. The page says the same in both cases: whoever follows the
/// link learns nothing about whether the party already knew the address.
public enum VolunteerConfirmation: Sendable, Hashable {
    /// A new person was recorded.
    case created(PersonID)
    /// The address was already a person's: they are the volunteer.
    case matched(PersonID)

    public var personID: PersonID {
        switch self {
        case .created(let id), .matched(let id): id
        }
    }
}
