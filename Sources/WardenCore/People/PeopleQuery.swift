/// A search for people: words of a name, a postcode, an elector or membership number,
/// optionally within an area.
public struct PeopleQuery: Sendable, Hashable {
    public var text: String
    public var areaID: AreaID?
    public var limit: Int
    /// A second fact every result must also match: how the DPO tells which of several people
    /// of one name asked for their data.
    public var alsoMatching: Confirming?
    /// Results to skip: a listing's page (``ListingPolicy``).
    public var offset: Int = 0
    /// Only people whose address mentions this street (any case).
    public var street: String?
    /// Only members in this status. With no text, every member in it (the membership
    /// office's lists), still a listing's first 250 at most.
    public var membership: MembershipStatus?
    /// Only members whose dues ran out on or before this day (``Member/paidUntil``): with
    /// ``membership`` in arrears, those who lapse by a given day (``DuesRules/paidUntilLapsingBy(_:)``).
    public var duesRanOutBy: CalendarDate?
    /// The order of a listing's results.
    public var order: Order = .name
    /// Instead of the text: the others who live at this person's address (a person's page
    /// lists their household).
    public var sharingHomeWith: PersonID?

    /// How a listing is ordered: by surname and forename, or by street in walking order (each
    /// street's odd side up and even side down, as ``WalkOrder`` walks it). A postcode's
    /// results come in street order unless a name order is asked for.
    public enum Order: String, Sendable, Hashable, CaseIterable {
        case name, street
    }

    /// A fact besides the search text that narrows a search.
    public enum Confirming: Sendable, Hashable {
        /// The postcode of the person's household, normalised (``Normalize/postcode(_:)``).
        case postcode(String)
        case dateOfBirth(CalendarDate)
        /// An email address, lower-cased.
        case email(String)
        /// A phone number in its canonical form (``ContactPoint/canonicalPhone(_:)``).
        case phone(String)
    }

    /// The most one search returns: searches are for finding someone, not for listing everyone.
    public static let maximumLimit = 100

    public init(text: String, areaID: AreaID? = nil, limit: Int = 50, alsoMatching: Confirming? = nil) {
        self.text = text
        self.alsoMatching = alsoMatching
        self.areaID = areaID
        self.limit = min(max(limit, 1), Self.maximumLimit)
    }

    /// What the text looks like, so the store can use the right index.
    public var interpretation: Interpretation {
        let trimmed = Normalize.spaces(text)
        let compact = Normalize.letters(trimmed)
        if compact.isEmpty { return .nothing }
        if Self.looksLikePostcode(compact) { return .postcode(Normalize.postcode(compact)) }
        if let dash = trimmed.firstIndex(of: "-"), let number = Int(trimmed[trimmed.index(after: dash)...]) {
            return .electorNumber(prefix: Normalize.letters(trimmed[..<dash]), number: number)
        }
        if trimmed.allSatisfy({ $0.isNumber || $0.isLetter }) && trimmed.contains(where: \.isNumber) {
            return .membershipNumber(trimmed)
        }
        let words = trimmed.split(separator: " ").map { Normalize.letters($0) }.filter { !$0.isEmpty }
        return .name(words)
    }

    public enum Interpretation: Sendable, Hashable {
        case nothing
        case postcode(String)
        case electorNumber(prefix: String, number: Int)
        case membershipNumber(String)
        /// Upper-cased words; the last is matched as a surname prefix, the others as forenames.
        case name([String])
    }

    /// Outward code (2–4 characters starting with a letter) + inward code (digit, two letters).
    static func looksLikePostcode(_ compact: String) -> Bool {
        let chars = Array(compact)
        guard (5...7).contains(chars.count), let first = chars.first, first.isLetter else { return false }
        let inward = chars.suffix(3)
        return inward.first?.isNumber == true && inward.dropFirst().allSatisfy(\.isLetter)
    }
}

extension PeopleQuery.Confirming {
    /// The one fact given of `postcode`, `dateOfBirth`, `email` and `phone` (as typed),
    /// checked and normalised; an error naming the field when none, several or a malformed one is given.
    public init(postcode: String?, dateOfBirth: String?, email: String?, phone: String?) throws {
        let given = [postcode, dateOfBirth, email, phone].compactMap { $0?.isEmpty == false ? $0 : nil }
        guard given.count == 1 else {
            throw WardenError.invalidRequest("postcode, born, email, phone: give exactly one besides the name")
        }
        if let postcode, !postcode.isEmpty {
            let normalised = Normalize.postcode(Normalize.letters(postcode))
            guard PeopleQuery.looksLikePostcode(Normalize.letters(postcode)) else { throw WardenError.invalidRequest("postcode: not a UK postcode") }
            self = .postcode(normalised)
        } else if let dateOfBirth, !dateOfBirth.isEmpty {
            guard let date = CalendarDate(parsing: dateOfBirth) else { throw WardenError.invalidRequest("born: a date such as 1980-02-29") }
            self = .dateOfBirth(date)
        } else if let email, !email.isEmpty {
            let lowered = email.trimmingCharacters(in: " ").lowercased()
            guard ContactPoint.isPlausibleEmail(lowered) else { throw WardenError.invalidRequest("email: not an email address") }
            self = .email(lowered)
        } else {
            guard let canonical = ContactPoint.canonicalPhone(phone ?? "") else { throw WardenError.invalidRequest("phone: not a UK phone number") }
            self = .phone(canonical)
        }
    }
}
