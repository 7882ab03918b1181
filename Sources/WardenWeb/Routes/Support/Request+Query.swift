import Hummingbird
import WardenCore

extension Request {
    /// The query flag `name`: `true` or `false`, absent meaning false. Anything else is
    /// refused (400) rather than read as false, so a mistyped flag never silently changes
    /// what the caller gets.
    func flag(_ name: String) throws -> Bool {
        switch uri.queryParameters.get(name) {
        case nil, "false": return false
        case "true": return true
        default: throw WardenError.invalidRequest("\(name): true or false")
        }
    }

    /// The integer (an identifier, a limit) in query parameter `name`, or `nil` when absent. A
    /// value that is not an integer is refused (400) rather than ignored: `?area=x` must not
    /// widen a report to everyone.
    func identifier(_ name: String) throws -> Int64? {
        guard let text = uri.queryParameters.get(name) else { return nil }
        guard let value = Int64(text) else { throw WardenError.invalidRequest("\(name): an integer") }
        return value
    }
}
