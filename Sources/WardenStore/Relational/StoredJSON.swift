import Foundation

/// JSON as the store keeps it in a text column (a campaign's survey, an incident's phases, an
/// export request): keys sorted, so equal values are stored as equal text.
enum StoredJSON {
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
