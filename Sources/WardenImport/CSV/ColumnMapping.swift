public import Foundation
public import WardenCore

/// A column-mapping file for layouts Warden does not recognise by itself.
///
/// A JSON object naming, for each logical field, the header of the column that holds it:
/// ```json
/// { "layout": "Northshire 2026",
///   "columns": { "pollingDistrict": "District", "electorNumber": "No.",
///                "surname": "Last", "forenames": "First", "postcode": "Post Code",
///                "address": ["Line 1", "Line 2", "Town"] } }
/// ```
/// Register fields: `pollingDistrict`, `electorNumber`, `electorNumberSuffix`, `markers`,
/// `dateOfBirth`, `title`, `forenames`, `surname`, `fullName`, `attainerDate`, `franchise`,
/// `optOut`, `address` (a list), `postcode`. Membership fields are listed on ``MemberLayout``, payment fields on ``PaymentLayout``.
public struct ColumnMapping: Sendable, Decodable {
    public var layout: String?
    public var columns: [String: Columns]

    /// One header, or several in order (address lines).
    public enum Columns: Sendable, Decodable {
        case one(String)
        case many([String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                self = .one(one)
            } else {
                self = .many(try container.decode([String].self))
            }
        }

        var headers: [String] {
            switch self {
            case .one(let header): [header]
            case .many(let headers): headers
            }
        }
    }

    /// Reads and checks a mapping file; the error names the file and what is wrong.
    public static func load(path: String) throws(WardenError) -> ColumnMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidRequest("\(path): cannot read the column-mapping file")
        }
        return try parse(data, name: path)
    }

    /// Checks a mapping already read (an upload named `name`).
    public static func parse(_ data: Data, name: String) throws(WardenError) -> ColumnMapping {
        do {
            return try JSONDecoder().decode(ColumnMapping.self, from: data)
        } catch {
            throw .invalidRequest("\(name): not a column-mapping file (expected a JSON object with \"columns\")")
        }
    }

    /// The column positions of logical `field` in a file with `header`; throws naming the header it could not find.
    func positions(of field: String, in header: HeaderIndex, file: String) throws(WardenError) -> [Int]? {
        guard let wanted = columns[field] else { return nil }
        return try wanted.headers.map { (name: String) throws(WardenError) -> Int in
            guard let position = header.column(name) else {
                throw .invalidRequest("\(file):1: \(name): the mapping names this column for \(field), but the header has no such column")
            }
            return position
        }
    }
}
