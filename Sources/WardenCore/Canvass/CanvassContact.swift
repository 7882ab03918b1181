/// One attempt to reach a person, to be recorded: who, on which list, what happened and, when
/// they spoke, their answers (sealed by the services before the store sees them).
public struct CanvassResult: Sendable, Hashable, Codable {
    public var personID: PersonID
    public var walkListID: WalkListID
    public var outcome: ContactOutcome
    public var channel: ContactChannel
    public var answers: SurveyAnswers?
    /// The person asked not to be contacted again.
    public var doNotContact: Bool

    public init(personID: PersonID, walkListID: WalkListID, outcome: ContactOutcome, channel: ContactChannel = .door,
                answers: SurveyAnswers? = nil, doNotContact: Bool = false) {
        self.personID = personID
        self.walkListID = walkListID
        self.outcome = outcome
        self.channel = channel
        self.answers = answers
        self.doNotContact = doNotContact
    }

    /// Seconds after recording within which a canvasser may undo their own result: long
    /// enough to notice a wrong tap before the next door, too short to rewrite a day's work.
    public static let undoWindow: Int64 = 15 * 60

    /// Answers belong to a conversation: only a "spoke" outcome may carry them.
    public func validate(against survey: Survey) throws {
        guard let answers, !answers.isEmpty else { return }
        guard outcome == .spoke else { throw WardenError.invalidRequest("answers: only when the outcome is spoke") }
        try survey.validate(answers)
    }
}

/// A contact as the store keeps it: everything but the answers in the clear (they are not
/// special category data), the answers sealed under the person's data key.
public struct SealedCanvassContact: Sendable, Hashable {
    public var id: Int64
    /// The identity the answers' ciphertext is bound to (AEAD associated data).
    public var uid: String
    public var personID: PersonID
    public var householdID: HouseholdID?
    public var campaignID: CampaignID
    public var walkListID: WalkListID?
    public var pollingDistrictID: AreaID?
    public var at: Timestamp
    public var actor: String
    public var outcome: ContactOutcome
    public var channel: ContactChannel
    public var doNotContact: Bool
    public var sealedAnswers: [UInt8]?
    /// The person's data key, wrapped by a key-encryption key, when answers are sealed.
    public var wrappedKey: WrappedDataKey?

    public init(id: Int64, uid: String, personID: PersonID, householdID: HouseholdID?, campaignID: CampaignID,
                walkListID: WalkListID?, pollingDistrictID: AreaID?, at: Timestamp, actor: String, outcome: ContactOutcome,
                channel: ContactChannel, doNotContact: Bool, sealedAnswers: [UInt8]?, wrappedKey: WrappedDataKey?) {
        self.id = id
        self.uid = uid
        self.personID = personID
        self.householdID = householdID
        self.campaignID = campaignID
        self.walkListID = walkListID
        self.pollingDistrictID = pollingDistrictID
        self.at = at
        self.actor = actor
        self.outcome = outcome
        self.channel = channel
        self.doNotContact = doNotContact
        self.sealedAnswers = sealedAnswers
        self.wrappedKey = wrappedKey
    }
}

/// A person's data key as stored: wrapped (AES-GCM) by the key-encryption key of `kekVersion`.
/// Destroying it makes every answer sealed under it unreadable (crypto-shredding).
public struct WrappedDataKey: Sendable, Hashable {
    public var id: Int64
    public var personID: PersonID
    public var kekVersion: Int
    public var wrapped: [UInt8]

    public init(id: Int64, personID: PersonID, kekVersion: Int, wrapped: [UInt8]) {
        self.id = id
        self.personID = personID
        self.kekVersion = kekVersion
        self.wrapped = wrapped
    }
}

/// A contact as a permitted reader sees it: answers opened only when their grants allow.
public struct CanvassContactView: Sendable, Hashable, Codable {
    public var id: Int64
    public var campaignID: CampaignID
    public var walkListID: WalkListID?
    public var at: Timestamp
    public var actor: String
    public var outcome: ContactOutcome
    public var channel: ContactChannel
    public var doNotContact: Bool
    /// `nil` when there were none or the reader may not see special category data.
    public var answers: SurveyAnswers?

    public init(_ contact: SealedCanvassContact, answers: SurveyAnswers?) {
        id = contact.id
        campaignID = contact.campaignID
        walkListID = contact.walkListID
        at = contact.at
        actor = contact.actor
        outcome = contact.outcome
        channel = contact.channel
        doNotContact = contact.doNotContact
        self.answers = answers
    }
}
