/// A time when one area's members are a target, such as a selection contest (seed 004): while
/// it lasts, contact changes to many of the area's members, by anyone but the members
/// themselves, alert the DPO however slowly they are made.
public struct WatchedPeriod: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var areaID: AreaID
    public var startsAt: Timestamp
    public var endsAt: Timestamp
    public var reason: String
    public var createdBy: String

    public init(id: Int64, areaID: AreaID, startsAt: Timestamp, endsAt: Timestamp, reason: String, createdBy: String) {
        self.id = id
        self.areaID = areaID
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.reason = reason
        self.createdBy = createdBy
    }

    public func isOn(at instant: Timestamp) -> Bool {
        startsAt <= instant && instant < endsAt
    }
}

/// The thresholds of ``ActivityWatch`` that a party may set for itself.
public struct WatchLimits: Sendable, Hashable {
    /// Contact-detail changes one account may make in ten minutes before the DPO hears.
    public var contactChanges: Int
    /// Members of a watched area whose contact details others may change during the period
    /// before the DPO hears.
    public var membersInWatchedArea: Int

    public init(contactChanges: Int = ActivityWatch.contactChangeLimit, membersInWatchedArea: Int = 10) {
        self.contactChanges = contactChanges
        self.membersInWatchedArea = membersInWatchedArea
    }
}
