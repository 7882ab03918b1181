/// A named effort with areas, dates and a survey: the frame for walk lists and results.
public struct Campaign: Sendable, Hashable, Codable, Identifiable {
    public var id: CampaignID
    public var name: String
    /// The areas it covers (a constituency, some wards …); walk lists are cut inside them.
    public var areaIDs: [AreaID]
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var survey: Survey

    public init(id: CampaignID, name: String, areaIDs: [AreaID], startsOn: CalendarDate, endsOn: CalendarDate, survey: Survey) {
        self.id = id
        self.name = name
        self.areaIDs = areaIDs
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.survey = survey
    }
}

/// A campaign to create.
public struct NewCampaign: Sendable, Hashable {
    public var name: String
    public var areaIDs: [AreaID]
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var survey: Survey

    public init(name: String, areaIDs: [AreaID], startsOn: CalendarDate, endsOn: CalendarDate, survey: Survey = .standard) {
        self.name = name
        self.areaIDs = areaIDs
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.survey = survey
    }

    /// Checks the name, dates and survey, naming the field that is wrong.
    public func validate() throws {
        let trimmed = Normalize.spaces(name)
        guard !trimmed.isEmpty, trimmed.count <= 100, !name.contains(where: \.isNewline) else {
            throw WardenError.invalidRequest("name: one line of at most 100 characters")
        }
        guard !areaIDs.isEmpty else { throw WardenError.invalidRequest("areas: name at least one area") }
        guard startsOn <= endsOn else { throw WardenError.invalidRequest("ends: the campaign ends before it starts") }
        guard !survey.parties.isEmpty else { throw WardenError.invalidRequest("parties: name at least one party") }
        let labels = survey.parties + survey.issues
        guard labels.allSatisfy({ !$0.isEmpty && $0.count <= 40 && !$0.contains(where: \.isNewline) }),
              Set(survey.parties).count == survey.parties.count, Set(survey.issues).count == survey.issues.count
        else { throw WardenError.invalidRequest("parties and issues: distinct, one line each, at most 40 characters") }
    }
}
