/// A campaign dashboard laid out as one table of counts, with every additive relation it
/// publishes, so that ``TableSuppression`` can withhold small counts across rows and
/// columns together.
///
/// Rows: the total, then the area rows, then the day rows. Columns: doors, attempts, spoke,
/// then one per intention, plus two never shown but implied by the others: attempts that
/// did not reach the person, and people who spoke but gave no intention. Relations:
/// - in every row, attempts = spoke + not reached, and spoke = intentions + no answer;
/// - per column, the total = the top areas, an area = its child areas, and the total = the
///   days (except doors: a household knocked on two days counts once in the total).
/// Where an area's children do not add up to it (people in no child area shown), a hidden
/// remainder row makes the relation exact, so no difference is ever left unguarded.
struct DashboardTable {
    let intentions: [String]
    private(set) var rows: [[Int]] = []
    private(set) var relations: [TableSuppression.Relation] = []
    private(set) var hiddenRows: Set<Int> = []

    static let doors = 0, attempts = 1, spoke = 2, notReached = 3, firstIntention = 4
    var columns: Int { Self.firstIntention + intentions.count + 1 }
    var noAnswer: Int { columns - 1 }

    init(intentions: [String]) { self.intentions = intentions }

    /// Adds a row for `tally` and its row relations; returns its index.
    @discardableResult
    mutating func add(_ tally: RawTally) -> Int { add(values: values(of: tally), hidden: false) }

    /// `parent = Σ children` for every column (or every column but doors), with a hidden
    /// remainder row where the children fall short.
    mutating func relate(parent: Int, children: [Int], includingDoors: Bool = true) {
        guard !children.isEmpty else { return }
        let covered = (0..<columns).filter { includingDoors || $0 != Self.doors }
        let remainder = (0..<columns).map { column in
            covered.contains(column) ? rows[parent][column] - children.reduce(0) { $0 + rows[$1][column] } : 0
        }
        var all = children
        if remainder.contains(where: { $0 != 0 }) { all.append(add(values: remainder, hidden: true)) }
        for column in covered {
            relations.append(.init(parent: cell(parent, column), children: all.map { cell($0, column) }))
        }
    }

    /// The published tally of `row`, with the cells in `withheld` as nil.
    func tally(_ row: Int, withheld: Set<Int>) -> CampaignDashboard.Tally {
        func shown(_ column: Int) -> Int? { withheld.contains(cell(row, column)) ? nil : rows[row][column] }
        let attempts = shown(Self.attempts), spoke = shown(Self.spoke)
        let rate: Int? = if let attempts, let spoke, attempts > 0 { spoke * 100 / attempts } else { nil }
        let byIntention = Dictionary(uniqueKeysWithValues: intentions.enumerated().map { ($1, shown(Self.firstIntention + $0)) })
        return CampaignDashboard.Tally(doors: shown(Self.doors), attempts: attempts, spoke: spoke, contactRate: rate,
                                       intentions: byIntention)
    }

    /// The cells to withhold.
    func withheld() -> Set<Int> {
        TableSuppression(values: rows.flatMap { $0 }, relations: relations).withheld()
    }

    func cell(_ row: Int, _ column: Int) -> Int { row * columns + column }

    private func values(of tally: RawTally) -> [Int] {
        let answered = intentions.map { tally.intentions[$0] ?? 0 }
        return [tally.doors.count, tally.attempts, tally.spoke, tally.attempts - tally.spoke]
            + answered + [tally.spoke - answered.reduce(0, +)]
    }

    private mutating func add(values: [Int], hidden: Bool) -> Int {
        let row = rows.count
        rows.append(values)
        if hidden { hiddenRows.insert(row) }
        relations.append(.init(parent: cell(row, Self.attempts), children: [cell(row, Self.spoke), cell(row, Self.notReached)]))
        relations.append(.init(parent: cell(row, Self.spoke),
                               children: (Self.firstIntention..<columns).map { cell(row, $0) }))
        return row
    }
}
