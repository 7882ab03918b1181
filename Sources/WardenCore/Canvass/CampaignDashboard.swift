/// A campaign's progress as aggregates only: doors knocked, people reached, contact rate
/// and the intention breakdown, per area and per day. Every count from 1 to 4 is
/// suppressed (``Suppression``), so no figure points at an individual voter.
public struct CampaignDashboard: Sendable, Hashable {
    public var campaign: Campaign
    public var total: Tally
    /// One row per ward and per polling district the reader may see, wards first.
    public var areas: [AreaTally]
    /// One row per day with results, oldest first.
    public var days: [DayTally]
    /// The intentions in the order charts show them: the survey's parties, then the rest.
    public var intentions: [String]

    public init(campaign: Campaign, total: Tally, areas: [AreaTally], days: [DayTally], intentions: [String]) {
        self.campaign = campaign
        self.total = total
        self.areas = areas
        self.days = days
        self.intentions = intentions
    }

    /// Counts for one slice; `nil` means suppressed.
    public struct Tally: Sendable, Hashable {
        public var doors: Int?
        public var attempts: Int?
        public var spoke: Int?
        /// Percent of attempts that reached the person, when both counts are shown.
        public var contactRate: Int?
        public var intentions: [String: Int?]

        public init(doors: Int?, attempts: Int?, spoke: Int?, contactRate: Int?, intentions: [String: Int?]) {
            self.doors = doors
            self.attempts = attempts
            self.spoke = spoke
            self.contactRate = contactRate
            self.intentions = intentions
        }
    }

    public struct AreaTally: Sendable, Hashable {
        public var area: Area
        public var tally: Tally
        public init(area: Area, tally: Tally) {
            self.area = area
            self.tally = tally
        }
    }

    public struct DayTally: Sendable, Hashable {
        public var day: CalendarDate
        public var tally: Tally
        public init(day: CalendarDate, tally: Tally) {
            self.day = day
            self.tally = tally
        }
    }
}

/// Raw counts for one slice, before suppression. Built from opened contacts inside the
/// services; never leaves them.
public struct RawTally: Sendable, Hashable {
    public var doors: Set<HouseholdID> = []
    public var attempts = 0
    public var spoke = 0
    public var intentions: [String: Int] = [:]

    public init() {}

    public mutating func add(household: HouseholdID?, outcome: ContactOutcome, intention: String?) {
        if let household { doors.insert(household) }
        attempts += 1
        if outcome.isContact { spoke += 1 }
        if let intention { intentions[intention, default: 0] += 1 }
    }

    /// The slice with small counts suppressed, including a second intention whenever exactly
    /// one would be hidden (otherwise it could be worked out from the total).
    public func suppressed(intentions order: [String]) -> CampaignDashboard.Tally {
        var shown = Dictionary(uniqueKeysWithValues: order.map { ($0, Suppression.apply(intentions[$0] ?? 0)) })
        let hidden = order.filter { shown[$0] == .some(nil) }
        if hidden.count == 1, let next = order.filter({ (intentions[$0] ?? 0) > 0 && shown[$0] != .some(nil) })
            .min(by: { (intentions[$0] ?? 0) < (intentions[$1] ?? 0) }) {
            shown[next] = .some(nil)
        }
        let attempts = Suppression.apply(attempts), spoke = Suppression.apply(spoke)
        let rate: Int? = if let attempts, let spoke, attempts > 0 { spoke * 100 / attempts } else { nil }
        return CampaignDashboard.Tally(doors: Suppression.apply(doors.count), attempts: attempts, spoke: spoke,
                                       contactRate: rate, intentions: shown)
    }
}

/// The small-number rule for published aggregates: counts from 1 to ``threshold`` − 1 are
/// withheld, since a count of one or two can identify a household.
public enum Suppression {
    public static let threshold = 5

    /// A shown count, or "<5" for a withheld one, for pages and the CLI.
    public static func label(_ count: Int?) -> String {
        count.map(String.init) ?? "<\(threshold)"
    }

    /// `count`, or `nil` when it must be withheld.
    public static func apply(_ count: Int) -> Int? {
        (1..<threshold).contains(count) ? nil : count
    }
}
