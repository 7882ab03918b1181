/// Which cells of a published table of counts to withhold so that no count from 1 to 4 can
/// be read off it, directly or by arithmetic across the table.
///
/// Withholding each small count on its own is not enough: a ward's total minus its other
/// districts gives back the withheld district. So every additive relation the table
/// publishes (`parent = children…`) is checked, and while a relation would let its withheld
/// cells be worked out, the smallest other non-zero cell of that relation is withheld too,
/// until nothing changes. A relation lets its withheld cells be worked out when
/// - exactly one of its cells is withheld (that cell is the difference of the others), or
/// - its withheld cells are all on one side and together count 1 to 4 (a small group, even
///   if no single cell can be told apart).
///
/// Cells that are never published (a row's "spoke but did not answer", say) still take part:
/// they are counted as known unless they are themselves small, which can only over-withhold,
/// never under-withhold. Zeros are shown: a zero points at no one. Pure: no I/O.
///
/// ```swift
/// // total = a + b, with a = 2: a is small, so b goes too, else b's 7 gives a = 9 − 7.
/// let table = TableSuppression(values: [9, 2, 7], relations: [.init(parent: 0, children: [1, 2])])
/// table.withheld()  // [1, 2]
/// ```
public struct TableSuppression: Sendable, Hashable {
    /// `values[parent] == children.map { values[$0] }.reduce(0, +)`, published or implied.
    public struct Relation: Sendable, Hashable {
        public var parent: Int
        public var children: [Int]
        public init(parent: Int, children: [Int]) {
            self.parent = parent
            self.children = children
        }
        var cells: [Int] { [parent] + children }
    }

    /// Every cell's true value, by cell index.
    public var values: [Int]
    public var relations: [Relation]

    public init(values: [Int], relations: [Relation]) {
        self.values = values
        self.relations = relations
    }

    /// Whether a count on its own would point at too few people.
    public static func isSmall(_ value: Int) -> Bool { (1..<Suppression.threshold).contains(abs(value)) }

    /// The cells to withhold: every small cell, and enough others that no relation gives
    /// any of them away.
    public func withheld() -> Set<Int> {
        var hidden = Set(values.indices.filter { Self.isSmall(values[$0]) })
        var changed = true
        while changed {
            changed = false
            for relation in relations {
                guard let next = complement(in: relation, hidden: hidden) else { continue }
                hidden.insert(next)
                changed = true
            }
        }
        return hidden
    }

    /// The cell to withhold next so that `relation` no longer gives its withheld cells away,
    /// or nil when it does not.
    func complement(in relation: Relation, hidden: Set<Int>) -> Int? {
        let withheld = relation.cells.filter(hidden.contains)
        guard !withheld.isEmpty else { return nil }
        let oneSided = !hidden.contains(relation.parent)
        let exposed = withheld.count == 1 || (oneSided && Self.isSmall(withheld.reduce(0) { $0 + values[$1] }))
        guard exposed else { return nil }
        // Growing the withheld side first keeps a small group from staying small.
        let children = relation.children.filter { !hidden.contains($0) && values[$0] != 0 }
        if let smallest = children.min(by: { (values[$0].magnitude, $0) < (values[$1].magnitude, $1) }) { return smallest }
        return !hidden.contains(relation.parent) && values[relation.parent] != 0 ? relation.parent : nil
    }
}
