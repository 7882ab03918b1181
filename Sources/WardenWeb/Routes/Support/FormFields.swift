import Foundation

/// An `application/x-www-form-urlencoded` body, keeping repeated names.
struct FormFields {
    let pairs: [(String, String)]

    init(_ body: String) {
        pairs = body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring?) -> String {
                (text.map { String($0).replacingOccurrences(of: "+", with: " ") } ?? "").removingPercentEncoding ?? ""
            }
            return (decode(parts.first), decode(parts.count > 1 ? parts[1] : nil))
        }
    }

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
    func nonEmpty(_ name: String) -> String? { first(name).flatMap { $0.isEmpty ? nil : $0 } }
}
