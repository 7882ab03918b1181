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
    /// The party's survey asking the issues this campaign chose (``Survey/asking(_:)``).
    public var survey: Survey

    public init(name: String, areaIDs: [AreaID], startsOn: CalendarDate, endsOn: CalendarDate, survey: Survey = .standard) {
        self.name = name
        self.areaIDs = areaIDs
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.survey = survey
    }

    /// Checks the name and dates, naming the field that is wrong. The survey is checked against
    /// the party's when the campaign is created (``Survey/asking(_:)``).
    public func validate() throws {
        let trimmed = Normalize.spaces(name)
        guard !trimmed.isEmpty, trimmed.count <= 100, !name.contains(where: \.isNewline) else {
            throw WardenError.invalidRequest("name: one line of at most 100 characters")
        }
        guard !areaIDs.isEmpty else { throw WardenError.invalidRequest("areas: name at least one area") }
        guard startsOn <= endsOn else { throw WardenError.invalidRequest("ends: the campaign ends before it starts") }
    }
}
