import Foundation
import Testing
import WardenCore
import WardenDemo

/// Small-count suppression across the whole dashboard: no count from 1 to 4 may be worked
/// out by arithmetic on what is published (a ward minus its other districts, the total
/// minus the other days, spoke minus the other intentions).
@Suite("Dashboard suppression")
struct DashboardSuppressionTests {
    static let parties = ["Labour", "Green", "Reform"]
    static let intentions = parties + ["Undecided"]
    static let campaign = Campaign(
        id: CampaignID(1), name: "Test", areaIDs: [], startsOn: day(1), endsOn: day(28),
        survey: Survey(parties: parties, issues: []))

    static func day(_ day: Int) -> CalendarDate {
        CalendarDate(year: 2026, month: 11, day: day)!
    }

    /// One doorstep result, as the service sees it.
    struct Contact {
        var district: Int
        var day: Int
        var household: Int64
        var outcome: ContactOutcome
        var intention: String?
    }

    /// A generated constituency: wards 1…w, each with districts; area ids: ward w = w,
    /// district d of ward w = 10 × w + d.
    struct Fixture {
        var wards: [Int: [Int]]
        var contacts: [Contact]

        var areas: [Area] {
            wards.keys.sorted().map { Area(id: AreaID(Int64($0)), level: .ward, code: "W\($0)", name: "Ward \($0)", parentID: nil) }
                + wards.sorted { $0.key < $1.key }.flatMap { ward, districts in
                    districts.map {
                        Area(id: AreaID(Int64($0)), level: .pollingDistrict, code: "D\($0)", name: "District \($0)",
                             parentID: AreaID(Int64(ward)))
                    }
                }
        }

        func ward(of district: Int) -> Int { district / 10 }

        /// The raw tallies, built as `CanvassService.dashboard` builds them.
        func published() -> CampaignDashboard {
            var total = RawTally()
            var byArea: [Int: RawTally] = [:]
            var byDay: [Int: RawTally] = [:]
            for contact in contacts {
                func add(_ tally: inout RawTally) {
                    tally.add(household: HouseholdID(contact.household), outcome: contact.outcome, intention: contact.intention)
                }
                add(&total)
                add(&byDay[contact.day, default: RawTally()])
                add(&byArea[contact.district, default: RawTally()])
                add(&byArea[ward(of: contact.district), default: RawTally()])
            }
            let areas = self.areas.compactMap { area in byArea[Int(area.id.rawValue)].map { (area: area, tally: $0) } }
            let days = byDay.sorted { $0.key < $1.key }.map { (day: DashboardSuppressionTests.day($0.key), tally: $0.value) }
            return CampaignDashboard.publish(campaign: DashboardSuppressionTests.campaign, total: total, areas: areas, days: days,
                                             intentions: DashboardSuppressionTests.intentions)
        }
    }

    static func fixture(seed: UInt64) -> Fixture {
        var random = SeededGenerator(seed: seed)
        var wards: [Int: [Int]] = [:]
        for ward in 1...Int.random(in: 1...3, using: &random) {
            wards[ward] = (1...Int.random(in: 1...3, using: &random)).map { 10 * ward + $0 }
        }
        let districts = wards.values.flatMap { $0 }.sorted()
        let days = Int.random(in: 1...4, using: &random)
        // Mostly small tables, where small counts are common; now and then a busy one.
        let count = random.next() % 5 == 0 ? Int.random(in: 40...150, using: &random) : Int.random(in: 0...40, using: &random)
        var contacts: [Contact] = []
        for _ in 0..<count {
            let district = districts[Int.random(in: 0..<districts.count, using: &random)]
            let spoke = Double.random(in: 0..<1, using: &random) < 0.6
            let intention: String? = spoke && Double.random(in: 0..<1, using: &random) < 0.85
                ? intentions[Int(random.next() % UInt64(intentions.count))] : nil
            contacts.append(Contact(
                district: district, day: Int.random(in: 1...days, using: &random),
                household: Int64(district * 100 + Int.random(in: 0..<12, using: &random)),
                outcome: spoke ? .spoke : .notIn, intention: intention))
        }
        return Fixture(wards: wards, contacts: contacts)
    }

    @Test func aDistrictsOneCannotBeWorkedOutFromItsWard() {
        // Ward 1 = districts 11 (seven for Labour) and 12 (one): 8 − 7 would give the 1 away.
        var contacts = (0..<7).map { Contact(district: 11, day: 1, household: Int64(1100 + $0), outcome: .spoke, intention: "Labour") }
        contacts.append(Contact(district: 12, day: 1, household: 1200, outcome: .spoke, intention: "Labour"))
        let dashboard = Fixture(wards: [1: [11, 12]], contacts: contacts).published()
        let district12 = dashboard.areas.first { $0.area.code == "D12" }?.tally
        let district11 = dashboard.areas.first { $0.area.code == "D11" }?.tally
        let ward = dashboard.areas.first { $0.area.code == "W1" }?.tally
        #expect(district12?.intentions["Labour"] == .some(nil))
        #expect(ward?.intentions["Labour"] == .some(nil) || district11?.intentions["Labour"] == .some(nil))
        #expect(Self.leaks(in: Fixture(wards: [1: [11, 12]], contacts: contacts)) == [])
    }

    @Test func aDaysSmallCountCannotBeWorkedOutFromTheTotal() {
        // Day 1: six contacts; day 2: two. Total 8 − 6 would give day 2's 2 away.
        let contacts = (0..<8).map { index in
            Contact(district: 11, day: index < 6 ? 1 : 2, household: Int64(1100 + index), outcome: .spoke, intention: "Green")
        }
        let fixture = Fixture(wards: [1: [11]], contacts: contacts)
        let dashboard = fixture.published()
        #expect(dashboard.days.map(\.tally.intentions["Green"]) == [.some(nil), .some(nil)])
        #expect(Self.leaks(in: fixture) == [])
    }

    @Test(arguments: 0..<1_000 as Range<UInt64>)
    func noSmallCountCanBeDerivedFromARandomDashboard(seed: UInt64) {
        let fixture = Self.fixture(seed: seed)
        #expect(Self.leaks(in: fixture) == [], "seed \(seed)")
    }

    @Test func oneWithheldCellInARelationTakesTheSmallestOtherWithIt() {
        // total 9 = a 2 + b 7: a alone would be 9 − 7.
        #expect(TableSuppression(values: [9, 2, 7], relations: [.init(parent: 0, children: [1, 2])]).withheld() == [1, 2])
        // total 9 = 2 + 1 + 6 + 0: the withheld pair would still be known to count 3 together.
        let group = TableSuppression(values: [9, 2, 1, 6, 0], relations: [.init(parent: 0, children: [1, 2, 3, 4])])
        #expect(group.withheld() == [1, 2, 3])
        // Nothing small: nothing withheld; zeros are shown.
        #expect(TableSuppression(values: [5, 5, 0], relations: [.init(parent: 0, children: [1, 2])]).withheld() == [])
    }

    @Test func zerosAreShown() {
        let contacts = (0..<6).map { Contact(district: 11, day: 1, household: Int64(1100 + $0), outcome: .spoke, intention: "Labour") }
        let dashboard = Fixture(wards: [1: [11]], contacts: contacts).published()
        #expect(dashboard.total.intentions["Green"] == .some(0))
        #expect(dashboard.total.intentions["Labour"] == .some(6))
        #expect(dashboard.total.attempts == 6)
    }

    // MARK: The attacker

    /// Every small true count an attacker can derive from the published dashboard, described:
    /// cells shown with a value from 1 to 4, shown values that are not the truth, and hidden
    /// cells that the published figures determine, by solving all the additive relations
    /// together (exact linear algebra, not just one relation at a time), and groups of hidden
    /// parts whose published whole gives away a small sum.
    static func leaks(in fixture: Fixture) -> [String] {
        let truth = Truth(fixture)
        let dashboard = fixture.published()
        var published: [Truth.Row: CampaignDashboard.Tally] = [.total: dashboard.total]
        for area in dashboard.areas { published[.area(Int(area.area.id.rawValue))] = area.tally }
        for (index, day) in dashboard.days.enumerated() { published[.day(truth.days[index])] = day.tally }

        var problems: [String] = []
        var system = LinearSystem()
        for row in truth.rows {
            let tally = published[row]
            for column in Truth.Column.all {
                let value = truth.value(row, column)
                let shown: Int?? = switch column {
                case .doors: tally?.doors
                case .attempts: tally?.attempts
                case .spoke: tally?.spoke
                case .intention(let name): tally?.intentions[name]
                case .notReached, .noAnswer: .none
                }
                if case .some(.some(let shown)) = shown {
                    if shown != value { problems.append("\(row) \(column) shown as \(shown), truly \(value)") }
                    if TableSuppression.isSmall(shown) { problems.append("\(row) \(column) shows \(shown)") }
                    system.know(Truth.Cell(row: row, column: column), shown)
                }
            }
        }
        for relation in truth.relations {
            system.relate(relation.parent, relation.children)
            // A relation whose unknown cells are all among its parts gives away their sum:
            // a group of 1 to 4 people is as small as a cell of 1 to 4.
            let unknown = relation.children.filter { !system.knows($0) }
            let sum = unknown.reduce(0) { $0 + truth.value($1.row, $1.column) }
            if system.knows(relation.parent), unknown.count > 1, TableSuppression.isSmall(sum) {
                problems.append("\(unknown.map { "\($0.row) \($0.column)" }) together = \(sum) can be worked out")
            }
        }
        for cell in system.determinedUnknowns() where TableSuppression.isSmall(truth.value(cell.row, cell.column)) {
            problems.append("\(cell.row) \(cell.column) = \(truth.value(cell.row, cell.column)) can be worked out")
        }
        return problems
    }
}

/// The true table, with every relation an attacker knows holds, built independently of the
/// code under test.
struct Truth {
    enum Row: Hashable, CustomStringConvertible {
        case total, area(Int), day(Int)
        var description: String {
            switch self {
            case .total: "total"
            case .area(let id): "area \(id)"
            case .day(let day): "day \(day)"
            }
        }
    }

    enum Column: Hashable, CustomStringConvertible {
        case doors, attempts, spoke, notReached, noAnswer, intention(String)
        static let all: [Column] = [.doors, .attempts, .spoke, .notReached, .noAnswer]
            + DashboardSuppressionTests.intentions.map { .intention($0) }
        var description: String {
            switch self {
            case .doors: "doors"
            case .attempts: "attempts"
            case .spoke: "spoke"
            case .notReached: "not reached"
            case .noAnswer: "no answer"
            case .intention(let name): name
            }
        }
    }

    struct Cell: Hashable {
        var row: Row
        var column: Column
    }

    struct Relation {
        var parent: Cell
        var children: [Cell]
    }

    let fixture: DashboardSuppressionTests.Fixture
    let days: [Int]
    let rows: [Row]
    private var values: [Cell: Int] = [:]
    private(set) var relations: [Relation] = []

    init(_ fixture: DashboardSuppressionTests.Fixture) {
        self.fixture = fixture
        days = Set(fixture.contacts.map(\.day)).sorted()
        let areas = Set(fixture.contacts.flatMap { [$0.district, fixture.ward(of: $0.district)] }).sorted()
        rows = [.total] + areas.map { .area($0) } + days.map { .day($0) }
        for row in rows {
            let contacts = fixture.contacts.filter { contact in
                switch row {
                case .total: true
                case .area(let id): contact.district == id || fixture.ward(of: contact.district) == id
                case .day(let day): contact.day == day
                }
            }
            let spoke = contacts.filter { $0.outcome == .spoke }
            values[Cell(row: row, column: .doors)] = Set(contacts.map(\.household)).count
            values[Cell(row: row, column: .attempts)] = contacts.count
            values[Cell(row: row, column: .spoke)] = spoke.count
            values[Cell(row: row, column: .notReached)] = contacts.count - spoke.count
            values[Cell(row: row, column: .noAnswer)] = spoke.filter { $0.intention == nil }.count
            for name in DashboardSuppressionTests.intentions {
                values[Cell(row: row, column: .intention(name))] = spoke.filter { $0.intention == name }.count
            }
            relations.append(Relation(parent: Cell(row: row, column: .attempts),
                                      children: [Cell(row: row, column: .spoke), Cell(row: row, column: .notReached)]))
            relations.append(Relation(parent: Cell(row: row, column: .spoke),
                                      children: ([.noAnswer] + DashboardSuppressionTests.intentions.map { .intention($0) })
                                          .map { Cell(row: row, column: $0) }))
        }
        let wards = areas.filter { $0 < 10 }
        for column in Column.all {
            relations.append(Relation(parent: Cell(row: .total, column: column), children: wards.map { Cell(row: .area($0), column: column) }))
            for ward in wards {
                relations.append(Relation(parent: Cell(row: .area(ward), column: column),
                                          children: areas.filter { $0 / 10 == ward && $0 >= 10 }.map { Cell(row: .area($0), column: column) }))
            }
            if column != .doors {
                relations.append(Relation(parent: Cell(row: .total, column: column), children: days.map { Cell(row: .day($0), column: column) }))
            }
        }
    }

    func value(_ row: Row, _ column: Column) -> Int { values[Cell(row: row, column: column)] ?? 0 }
}

/// Linear equations over the table's cells, some of them known: which unknown cells do the
/// equations pin down? Gauss–Jordan elimination over exact fractions would do; these
/// coefficients stay small, so doubles with a tolerance suffice.
struct LinearSystem {
    private var known: [Truth.Cell: Int] = [:]
    private var equations: [(parent: Truth.Cell, children: [Truth.Cell])] = []

    mutating func know(_ cell: Truth.Cell, _ value: Int) { known[cell] = value }
    func knows(_ cell: Truth.Cell) -> Bool { known[cell] != nil }
    mutating func relate(_ parent: Truth.Cell, _ children: [Truth.Cell]) { equations.append((parent, children)) }

    func determinedUnknowns() -> [Truth.Cell] {
        var unknowns: [Truth.Cell] = []
        var index: [Truth.Cell: Int] = [:]
        for (parent, children) in equations {
            for cell in [parent] + children where known[cell] == nil && index[cell] == nil {
                index[cell] = unknowns.count
                unknowns.append(cell)
            }
        }
        guard !unknowns.isEmpty else { return [] }
        // Each equation: parent − Σ children = 0, known cells moved to the right-hand side
        // (which only matters for the values, not for which unknowns are determined).
        var matrix: [[Double]] = equations.compactMap { parent, children in
            var row = [Double](repeating: 0, count: unknowns.count)
            for (cell, sign) in [(parent, 1.0)] + children.map({ ($0, -1.0) }) {
                if let column = index[cell] { row[column] += sign }
            }
            return row.contains { $0 != 0 } ? row : nil
        }
        var pivots: [(row: Int, column: Int)] = []
        var top = 0
        for column in unknowns.indices where top < matrix.count {
            guard let pivot = (top..<matrix.count).max(by: { abs(matrix[$0][column]) < abs(matrix[$1][column]) }),
                  abs(matrix[pivot][column]) > 1e-9 else { continue }
            matrix.swapAt(top, pivot)
            let scale = matrix[top][column]
            matrix[top] = matrix[top].map { $0 / scale }
            for other in matrix.indices where other != top && abs(matrix[other][column]) > 1e-12 {
                let factor = matrix[other][column]
                for k in unknowns.indices { matrix[other][k] -= factor * matrix[top][k] }
            }
            pivots.append((top, column))
            top += 1
        }
        // In reduced row echelon form, an unknown is determined when its pivot row has no
        // other non-zero coefficient.
        return pivots.compactMap { pivot in
            let alone = unknowns.indices.allSatisfy { $0 == pivot.column || abs(matrix[pivot.row][$0]) < 1e-9 }
            return alone ? unknowns[pivot.column] : nil
        }
    }
}
