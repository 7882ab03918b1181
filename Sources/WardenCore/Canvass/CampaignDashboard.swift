/// A campaign's progress as aggregates only: doors knocked, people reached, contact rate
/// and the intention breakdown, per area and per day. Every count from 1 to 4 is
/// suppressed (``Suppression``), and so is whatever would let one be worked out from the
/// others (``TableSuppression``), so no figure points at an individual voter.
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

    /// This slice on its own with small counts suppressed, including whatever else in the
    /// slice would give them away (a second intention when one alone is hidden, else it is
    /// spoke minus the rest). Several slices published together go through
    /// ``CampaignDashboard/publish(campaign:total:areas:days:intentions:)`` instead.
    public func suppressed(intentions order: [String]) -> CampaignDashboard.Tally {
        var table = DashboardTable(intentions: order)
        let row = table.add(self)
        return table.tally(row, withheld: table.withheld())
    }
}

extension CampaignDashboard {
    /// The dashboard with small counts suppressed across the whole of it: each slice, the
    /// areas against their parents and the total, and the days against the total, so that no
    /// count from 1 to 4 can be worked out by subtracting one published figure from another.
    ///
    /// `areas` are wards and polling districts, each related to its parent among them (by
    /// `parentID`); those with no parent among them add up to the total. Pure.
    public static func publish(
        campaign: Campaign, total: RawTally, areas: [(area: Area, tally: RawTally)], days: [(day: CalendarDate, tally: RawTally)],
        intentions: [String]
    ) -> CampaignDashboard {
        var table = DashboardTable(intentions: intentions)
        let totalRow = table.add(total)
        let areaRows = areas.map { table.add($0.tally) }
        let dayRows = days.map { table.add($0.tally) }
        let rowOfArea = Dictionary(areas.indices.map { (areas[$0].area.id, areaRows[$0]) }, uniquingKeysWith: { first, _ in first })
        func children(of parent: AreaID?) -> [Int] {
            areas.indices.filter { index in
                let up = areas[index].area.parentID
                return parent == nil ? up.flatMap { rowOfArea[$0] } == nil : up == parent
            }.map { areaRows[$0] }
        }
        table.relate(parent: totalRow, children: children(of: nil))
        for (area, _) in areas { table.relate(parent: rowOfArea[area.id] ?? totalRow, children: children(of: area.id)) }
        table.relate(parent: totalRow, children: dayRows, includingDoors: false)
        let withheld = table.withheld()
        return CampaignDashboard(
            campaign: campaign, total: table.tally(totalRow, withheld: withheld),
            areas: zip(areas, areaRows).map { AreaTally(area: $0.area, tally: table.tally($1, withheld: withheld)) },
            days: zip(days, dayRows).map { DayTally(day: $0.day, tally: table.tally($1, withheld: withheld)) },
            intentions: intentions)
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
