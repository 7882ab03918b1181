import Foundation

/// The BLT ballot format that election counters read and write (OpenSTV, OpaVote, the
/// Electoral Reform Society's and Scottish councils' published records):
///
/// ```
/// 7 3              candidates, seats
/// -4               optional: withdrawn candidates, negated
/// 55 1 0           weight, then preferences (candidate numbers), then 0
/// 3 1 2 0
/// 0                end of ballots
/// "Ann Lee"        one name per candidate, in order, quoted or not
/// "Ward 3"         the election's title
/// ```
///
/// Warden publishes a ballot's count in it, and `warden ballot count` reads any file in it,
/// so that anyone can recount with a counter of their own.
public enum BLT {
    /// The most candidates and seats a file may declare: far above any party ballot.
    public static let maximumCandidates = 1_000

    /// Reads a BLT file's text; a problem names the line (`FILE:LINE: problem`).
    public static func parse(_ text: String, file: String) throws(WardenError) -> RankedElection {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, text: Substring($0.element.trimmingCharacters(in: .whitespaces))) }
            .filter { !$0.text.isEmpty }[...]
        func fail(_ line: Int, _ problem: String) -> WardenError { .invalidRequest("\(file):\(line): \(problem)") }
        func numbers(_ line: (number: Int, text: Substring)) throws(WardenError) -> [Int] {
            var result: [Int] = []
            for word in line.text.split(whereSeparator: { $0 == " " || $0 == "\t" }) where !word.hasPrefix("(") {
                guard let value = Int(word) else { throw fail(line.number, "expected whole numbers (ranking candidates equal, with \"=\", is not supported)") }
                result.append(value)
            }
            return result
        }
        guard let header = lines.popFirst() else { throw fail(1, "empty: expected \"candidates seats\"") }
        let counts = try numbers(header)
        guard counts.count == 2, (1...maximumCandidates).contains(counts[0]), (1...counts[0]).contains(counts[1]) else {
            throw fail(header.number, "expected the number of candidates, then of seats (at least one, no more than the candidates)")
        }
        let (candidateCount, seats) = (counts[0], counts[1])
        var withdrawn: Set<Int> = []
        if let first = lines.first, first.text.hasPrefix("-") {
            lines.removeFirst()
            for value in try numbers(first) {
                guard value < 0, -value <= candidateCount else { throw fail(first.number, "withdrawn candidates are negated candidate numbers") }
                withdrawn.insert(-value)
            }
        }
        var ballots: [RankedBallot] = []
        while true {
            guard let line = lines.popFirst() else { throw fail(header.number, "the ballots never end (no line \"0\")") }
            let values = try numbers(line)
            if values == [0] { break }
            guard values.count >= 2, values.last == 0, values[0] > 0 else {
                throw fail(line.number, "expected a weight, the preferences and a closing 0")
            }
            let ranking = Array(values.dropFirst().dropLast())
            guard ranking.allSatisfy({ (1...candidateCount).contains($0) }) else {
                throw fail(line.number, "a preference is not a candidate number from 1 to \(candidateCount)")
            }
            ballots.append(RankedBallot(weight: values[0], ranking: ranking))
        }
        var names: [String] = []
        for _ in 0..<candidateCount {
            guard let line = lines.popFirst() else { throw fail(header.number, "fewer names than the \(candidateCount) candidates") }
            names.append(unquoted(line.text))
        }
        let title = lines.popFirst().map { unquoted($0.text) } ?? ""
        return RankedElection(title: title, candidates: names, seats: seats, withdrawn: withdrawn, ballots: ballots)
    }

    /// The election as a BLT file, names and title quoted.
    public static func text(_ election: RankedElection) -> String {
        var lines = ["\(election.candidates.count) \(election.seats)"]
        if !election.withdrawn.isEmpty { lines.append(election.withdrawn.sorted().map { "-\($0)" }.joined(separator: " ")) }
        lines += election.ballots.map { "\($0.weight) " + ($0.ranking.map(String.init) + ["0"]).joined(separator: " ") }
        lines.append("0")
        lines += (election.candidates + [election.title]).map { "\"\($0.replacingOccurrences(of: "\"", with: "'"))\"" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func unquoted(_ text: Substring) -> String {
        text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : String(text)
    }
}
