/// The questions a campaign asks at the door: how people will vote (from the campaign's own
/// list of parties) and how certain they are, how likely they are to vote, postal vote,
/// the issues that matter to them (from the campaign's list), free notes, and "do not contact".
///
/// The answers about intention, views and notes are special category data (UK GDPR Art. 9)
/// and are sealed before they reach the store; see ``SurveyAnswers``.
public struct Survey: Sendable, Hashable, Codable {
    /// The parties a voter may name, in the order the doorstep page shows them.
    public var parties: [String]
    /// The issues a voter may pick.
    public var issues: [String]

    public init(parties: [String], issues: [String]) {
        self.parties = parties
        self.issues = issues
    }

    /// A survey for a general canvass.
    public static let standard = Survey(
        parties: ["Labour", "Conservative", "Liberal Democrat", "Green", "Reform", "Other"],
        issues: ["Cost of living", "Health", "Housing", "Transport", "Environment", "Crime"])

    /// This survey (the party's) asking about `issues` only, which must come from its own
    /// set: a campaign picks the questions that matter locally, and no one adds free-text ones.
    public func asking(_ issues: [String]) throws -> Survey {
        if let unknown = issues.first(where: { !self.issues.contains($0) }) {
            throw WardenError.invalidRequest("issues: \(unknown.count > 40 ? "an issue" : "'\(unknown)'") is not one of the party's (\(self.issues.joined(separator: ", ")))")
        }
        return Survey(parties: parties, issues: self.issues.filter(issues.contains))
    }

    /// The most parties and issues a party's set may hold, and the longest name of one: the
    /// doorstep page shows each as a button.
    public static let maximumChoices = 20
    public static let maximumChoiceLength = 40

    /// The survey a party defines for its campaigns (``Survey/asking(_:)``), checked: one to
    /// ``maximumChoices`` parties and up to as many issues, each named once in at most
    /// ``maximumChoiceLength`` printable characters, and no party named as one of the answers
    /// every survey has (``otherIntentions``).
    public static func party(parties: [String], issues: [String]) throws(WardenError) -> Survey {
        func checked(_ names: [String], _ field: String, allowEmpty: Bool) throws(WardenError) -> [String] {
            let names = names.map(Normalize.spaces)
            guard allowEmpty || !names.isEmpty, names.count <= maximumChoices else {
                throw .invalidRequest("\(field): \(allowEmpty ? "at most" : "one to") \(maximumChoices)")
            }
            for name in names {
                guard !name.isEmpty, name.count <= maximumChoiceLength, !name.unicodeScalars.contains(where: SafeText.isUnsafe) else {
                    throw .invalidRequest("\(field): each a name of 1 to \(maximumChoiceLength) printable characters")
                }
            }
            guard Set(names).count == names.count else { throw .invalidRequest("\(field): each named once") }
            return names
        }
        let parties = try checked(parties, "parties", allowEmpty: false)
        if let clash = parties.first(where: otherIntentions.contains) {
            throw .invalidRequest("parties: '\(clash)' is an answer every survey already has")
        }
        return Survey(parties: parties, issues: try checked(issues, "issues", allowEmpty: true))
    }

    /// Answers a voter may give besides naming a party.
    public static let otherIntentions = ["Undecided", "Won't say", "Won't vote"]

    /// Checks `answers` against this survey, naming the first field that is wrong.
    public func validate(_ answers: SurveyAnswers) throws {
        if let intention = answers.intention, !(parties + Self.otherIntentions).contains(intention) {
            throw WardenError.invalidRequest("intention: not one of this campaign's answers")
        }
        if answers.certainty != nil, answers.intention == nil {
            throw WardenError.invalidRequest("certainty: give an intention first")
        }
        if let likelihood = answers.likelihood, !(0...10).contains(likelihood) {
            throw WardenError.invalidRequest("likelihood: a number from 0 to 10")
        }
        if answers.issues.contains(where: { !issues.contains($0) }) {
            throw WardenError.invalidRequest("issues: not one of this campaign's issues")
        }
        if answers.notes.count > SurveyAnswers.maximumNotesLength {
            throw WardenError.invalidRequest("notes: at most \(SurveyAnswers.maximumNotesLength) characters")
        }
    }
}

/// How sure a voter said they were.
public enum Certainty: String, Sendable, Hashable, Codable, CaseIterable {
    case certain, likely, leaning
}

/// What a voter told the canvasser. Sealed as a whole (JSON, AES-GCM under the person's
/// data key) before it is stored: nothing here is ever written in the clear.
public struct SurveyAnswers: Sendable, Hashable, Codable {
    public var intention: String?
    public var certainty: Certainty?
    /// 0 (certainly won't vote) to 10 (certainly will).
    public var likelihood: Int?
    public var postalVote: Bool?
    public var issues: [String]
    public var notes: String

    public static let maximumNotesLength = 1_000

    public init(intention: String? = nil, certainty: Certainty? = nil, likelihood: Int? = nil, postalVote: Bool? = nil,
                issues: [String] = [], notes: String = "") {
        self.intention = intention
        self.certainty = certainty
        self.likelihood = likelihood
        self.postalVote = postalVote
        self.issues = issues
        self.notes = notes
    }

    /// Nothing was answered.
    public var isEmpty: Bool {
        intention == nil && certainty == nil && likelihood == nil && postalVote == nil && issues.isEmpty && notes.isEmpty
    }
    /// Every answer is optional on the wire, as the OpenAPI document says: `{"intention":"Green"}`
    /// is a whole answer, with no issues and no notes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        intention = try container.decodeIfPresent(String.self, forKey: .intention)
        certainty = try container.decodeIfPresent(Certainty.self, forKey: .certainty)
        likelihood = try container.decodeIfPresent(Int.self, forKey: .likelihood)
        postalVote = try container.decodeIfPresent(Bool.self, forKey: .postalVote)
        issues = try container.decodeIfPresent([String].self, forKey: .issues) ?? []
        notes = try container.decodeIfPresent(String.self, forKey: .notes) ?? ""
    }
}
