/// Finds columns by header name, ignoring case, spaces and punctuation, so that
/// `"Elector Number Prefix"`, `"elector_number_prefix"` and `"ELECTOR NUMBER PREFIX"` meet.
public struct HeaderIndex: Sendable {
    public let headers: [String]
    private let positions: [String: Int]

    public init(_ headers: [String]) {
        self.headers = headers
        var positions: [String: Int] = [:]
        for (index, header) in headers.enumerated() {
            let key = Normalize.letters(header)
            if positions[key] == nil { positions[key] = index }
        }
        self.positions = positions
    }

    /// The column of the first of `names` present in the header.
    public func column(_ names: String...) -> Int? { column(names) }

    /// The column of the first of `names` present in the header.
    public func column(_ names: [String]) -> Int? {
        for name in names {
            if let position = positions[Normalize.letters(name)] { return position }
        }
        return nil
    }

    /// Columns `prefix1`, `prefix2` … up to `limit`, in order, stopping at the first gap.
    public func numberedColumns(_ prefixes: [String], limit: Int) -> [Int] {
        var found: [Int] = []
        for number in 1...limit {
            guard let column = column(prefixes.map { "\($0)\(number)" }) else { break }
            found.append(column)
        }
        return found
    }
}

public import WardenCore
