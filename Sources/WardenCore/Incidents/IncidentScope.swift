/// What an incident covers, by any of: the accounts involved, the areas, a time window, a walk
/// list or a printed sheet, or the whole database as it stood at a time. Bounds combine: "this
/// organiser, this ward, the 1st to the 30th" is every one of them at once.
public struct IncidentScope: Sendable, Hashable, Codable {
    /// Usernames of the accounts whose actions are in question.
    public var actors: [String]
    /// Codes of the areas whose people are in question (and every area below them).
    public var areas: [String]
    public var from: Timestamp?
    public var to: Timestamp?
    public var walkList: WalkListID?
    /// A printed sheet's serial: the people on its list, printed.
    public var sheet: String?
    /// The whole database as it stood at this time (the ransomware case).
    public var wholeDatabaseAsOf: Timestamp?

    public init(actors: [String] = [], areas: [String] = [], from: Timestamp? = nil, to: Timestamp? = nil, walkList: WalkListID? = nil,
                sheet: String? = nil, wholeDatabaseAsOf: Timestamp? = nil) {
        self.actors = actors
        self.areas = areas
        self.from = from
        self.to = to
        self.walkList = walkList
        self.sheet = sheet
        self.wholeDatabaseAsOf = wholeDatabaseAsOf
    }

    /// Whether the scope is about what accounts did (rather than what was held).
    public var concernsActions: Bool { !actors.isEmpty || from != nil || to != nil }

    /// Problems that make the scope unusable, each naming its field.
    public var problems: [String] {
        var problems: [String] = []
        if actors.isEmpty && areas.isEmpty && from == nil && to == nil && walkList == nil && sheet == nil && wholeDatabaseAsOf == nil {
            problems.append("scope: bound the incident by at least one of actors, areas, a time window (from, to), a walk list, a sheet, or the whole database as of a time")
        }
        if let from, let to, from > to { problems.append("to: the window ends before it starts") }
        if wholeDatabaseAsOf != nil && (walkList != nil || sheet != nil || !actors.isEmpty) {
            problems.append("wholeDatabaseAsOf: the whole database stands alone (with areas at most)")
        }
        if walkList != nil && sheet != nil { problems.append("sheet: give a walk list or a sheet, not both") }
        if sheet?.isEmpty == true { problems.append("sheet: a printed sheet's serial") }
        if actors.contains(where: \.isEmpty) { problems.append("actors: usernames, none empty") }
        if areas.contains(where: \.isEmpty) { problems.append("areas: area codes, none empty") }
        return problems
    }

    /// The scope in words, for the report and the log: identifiers, codes and times only.
    public var description: String {
        var parts: [String] = []
        if let asOf = wholeDatabaseAsOf { parts.append("the whole database as of \(asOf)") }
        if !actors.isEmpty { parts.append("actions by \(actors.joined(separator: ", "))") }
        if !areas.isEmpty { parts.append("people in \(areas.joined(separator: ", "))") }
        if let from, let to { parts.append("from \(from) to \(to)") }
        else if let from { parts.append("from \(from)") }
        else if let to { parts.append("until \(to)") }
        if let walkList { parts.append("walk list \(walkList)") }
        if let sheet { parts.append("sheet \(sheet)") }
        return parts.joined(separator: "; ")
    }
}
