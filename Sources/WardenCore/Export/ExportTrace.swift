public import Crypto
import Foundation

/// Names the export a leaked file came from, and says how sure it is.
///
/// Two kinds of evidence, strongest first:
/// 1. **Decoys**: a name, email or phone that exists only in one export's file. Certain.
/// 2. **Marks**: the rows' values are looked up by token to find the exports that held them;
///    for each such export, its keyed format choices are recomputed and compared with what the
///    cells show, and the rows still in their original order are compared with its keyed
///    order. An export that did not make the file agrees with each choice by chance, half the
///    time; the chance of agreeing as often as the best does is the confidence reported.
public enum ExportTrace {
    /// One value found in a leaked cell, with the token it would have in an export.
    public struct Observation: Sendable, Hashable {
        public var row: Int
        public var kind: ExportMarks.Kind
        public var token: Int64
        /// The cell's text, to read format choices from.
        public var cell: String
    }

    /// Every value a leaked file shows, whatever its columns: each cell is tried as each kind
    /// of value it could be, and neighbouring cells as a first-names-and-surname pair.
    public static func observations(in rows: [[String]], key: SymmetricKey) -> (observations: [Observation], decoyKeys: [Int: Set<String>]) {
        var found: [Observation] = []
        var decoyKeys: [Int: Set<String>] = [:]
        let tokens = ExportMarks(key: key, serial: ExportID(0))
        for (index, raw) in rows.enumerated() {
            let cells = raw.map { ExportCSV.unneutralised($0).trimmingCharacters(in: .whitespaces) }
            var keys = Set<String>()
            func add(_ kind: ExportMarks.Kind, _ normalised: String, _ cell: String) {
                guard !normalised.isEmpty else { return }
                found.append(Observation(row: index, kind: kind, token: tokens.token(kind, normalised), cell: cell))
            }
            for (column, cell) in cells.enumerated() where !cell.isEmpty {
                if cell.contains("@") {
                    add(.email, ExportCells.email(cell), cell)
                    keys.insert(ExportCells.email(cell))
                    continue
                }
                if let phone = ExportCells.phone(cell), cell.allSatisfy({ $0.isNumber || $0 == " " || $0 == "+" }) {
                    add(.phone, phone, cell)
                    keys.insert(phone)
                    continue
                }
                let letters = Normalize.letters(cell)
                if PeopleQuery.looksLikePostcode(letters) { add(.postcode, letters, cell) }
                if cell.contains(where: \.isNumber) {
                    add(.electorNumber, letters, cell)
                    keys.insert(ExportDecoy.electorKey(cell))
                    add(.membershipNumber, letters, cell)
                    if cell.contains(where: \.isLetter) {
                        add(.address, ExportCells.address(cell), cell)
                        keys.insert(ExportCells.address(cell))
                        if let (address, postcode) = ExportCells.trailingPostcode(cell) {
                            add(.address, ExportCells.address(address), address)
                            add(.postcode, ExportCells.postcode(postcode), postcode)
                        }
                    }
                } else {
                    add(.name, letters, cell)
                    keys.insert(letters)
                    if column + 1 < cells.count, !cells[column + 1].isEmpty, !cells[column + 1].contains(where: \.isNumber) {
                        let pair = ExportCells.name(forenames: cell, surname: cells[column + 1])
                        add(.name, pair, cell)
                        keys.insert(pair)
                    }
                }
            }
            decoyKeys[index] = keys
        }
        return (found, decoyKeys)
    }

    /// Where a token sat in one export: its row there.
    public struct Hit: Sendable, Hashable {
        public var export: ExportID
        public var row: Int
        public init(export: ExportID, row: Int) {
            self.export = export
            self.row = row
        }
    }

    /// How one export fits the leaked file.
    public struct Candidate: Sendable, Hashable, Codable {
        public var export: ExportID
        /// Leaked rows holding at least one of the export's values.
        public var rowsMatched: Int
        /// Format choices readable in those rows, and how many agree with the export's.
        public var choicesSeen: Int
        public var choicesAgreeing: Int
        /// Neighbouring matched rows, and how many are in the export's order.
        public var pairsSeen: Int
        public var pairsInOrder: Int
        /// Decoys of this export found in the file.
        public var decoysFound: Int
        /// log₁₀ of the chance that an export that did not make the file fits this well.
        public var log10Chance: Double
    }

    /// The answer.
    public struct Report: Sendable, Hashable, Codable {
        public var rowsRead: Int
        /// The export named, if the evidence is strong enough; `nil` when it is not.
        public var source: ExportID?
        /// How: `decoys` or `marks`.
        public var basis: String?
        /// The best candidates, best first (at most five).
        public var candidates: [Candidate]
        /// The sentence a DPO reads.
        public var summary: String
    }

    /// The chance below which marks alone name an export: one in a billion.
    public static let namingThreshold = -9.0

    /// Weighs the evidence: `hits` for each observed token, `decoys` by export for each leaked row.
    public static func assess(rows: Int, observations: [Observation], hits: [Int64: [Hit]], decoys: [Int: [ExportID]],
                              marks: (ExportID) -> ExportMarks) -> Report {
        // Each export's rows holding each observed value; a value seen twice counts once, so a
        // postcode shared by a street, or a household's address, is one piece of evidence.
        var byExport: [ExportID: [Int64: (observation: Observation, rows: [Int])]] = [:]
        for observation in observations {
            for hit in hits[observation.token] ?? [] {
                byExport[hit.export, default: [:]][observation.token, default: (observation, [])].rows.append(hit.row)
            }
        }
        var decoysFound: [ExportID: Int] = [:]
        for exports in decoys.values { for export in Set(exports) { decoysFound[export, default: 0] += 1 } }
        var candidates: [Candidate] = []
        for export in Set(byExport.keys).union(decoysFound.keys) {
            let found = byExport[export] ?? [:]
            let exportMarks = marks(export)
            var seen = 0, agreeing = 0
            for (token, value) in found {
                for choice in FormatChoice.allCases where choice.kind == value.observation.kind {
                    guard let shown = ExportCells.observed(choice, in: value.observation.cell) else { continue }
                    seen += 1
                    if shown == exportMarks.choice(choice, token: token) { agreeing += 1 }
                }
            }
            // Where each leaked row sat in the export, from the values that name one person.
            var rowAt: [Int: Int] = [:]
            for observation in observations where observation.kind.identifiesARow {
                guard let rows = found[observation.token]?.rows else { continue }
                rowAt[observation.row] = min(rowAt[observation.row] ?? Int.max, rows.min()!)
            }
            let ordered = rowAt.keys.sorted().map { rowAt[$0]! }
            let pairs = max(0, ordered.count - 1)
            let inOrder = zip(ordered, ordered.dropFirst()).filter { $0 < $1 }.count
            let chance = log10Tail(seen, agreeing) + log10Tail(pairs, inOrder)
            candidates.append(Candidate(export: export, rowsMatched: rowAt.count, choicesSeen: seen, choicesAgreeing: agreeing,
                                        pairsSeen: pairs, pairsInOrder: inOrder, decoysFound: decoysFound[export] ?? 0, log10Chance: chance))
        }
        candidates.sort { ($0.decoysFound, -$0.log10Chance, $0.rowsMatched) > ($1.decoysFound, -$1.log10Chance, $1.rowsMatched) }
        let top = Array(candidates.prefix(5))
        if let best = top.first, best.decoysFound > 0 {
            let others = candidates.dropFirst().filter { $0.decoysFound > 0 }.map { "export \($0.export)" }
            return Report(rowsRead: rows, source: best.export, basis: "decoys", candidates: top,
                          summary: "export \(best.export): \(best.decoysFound) of its decoys are in the file, and decoys exist nowhere else; certain"
                              + (others.isEmpty ? "." : ". The file also holds decoys of \(others.joined(separator: ", ")): rows from several exports were combined."))
        }
        guard let best = top.first, best.log10Chance <= namingThreshold else {
            return Report(rowsRead: rows, source: nil, basis: nil, candidates: top,
                          summary: top.isEmpty ? "no row of the file matches any export's values; it did not come from a Warden export, or too little of it is left"
                              : "no export fits well enough to name: the best, export \(top[0].export), agrees on \(top[0].choicesAgreeing) of \(top[0].choicesSeen) format choices")
        }
        let exponent = Int((-best.log10Chance).rounded(.down))
        return Report(rowsRead: rows, source: best.export, basis: "marks", candidates: top,
                      summary: "export \(best.export): \(best.rowsMatched) rows hold its people; \(best.choicesAgreeing) of \(best.choicesSeen) format choices"
                          + " and \(best.pairsInOrder) of \(best.pairsSeen) neighbouring rows agree with it. The chance another export fits this well is below 1 in 10^\(exponent)."
                          + (top.count > 1 ? " Next best: export \(top[1].export), \(top[1].choicesAgreeing) of \(top[1].choicesSeen)." : ""))
    }

    /// log₁₀ P(X ≥ k) for X ~ Binomial(n, ½): the chance of `k` or more agreements in `n` coin tosses.
    public static func log10Tail(_ n: Int, _ k: Int) -> Double {
        guard n > 0, k > 0 else { return 0 }
        let logAll = lgamma(Double(n + 1)) - Double(n) * log(2.0)
        let terms: [Double] = (k...n).map { (i: Int) -> Double in
            let ways: Double = lgamma(Double(i + 1)) + lgamma(Double(n - i + 1))
            return logAll - ways
        }
        let largest = terms.max()!
        let sum = terms.reduce(0) { $0 + exp($1 - largest) }
        return min(0, (largest + log(sum)) / log(10.0))
    }
}
