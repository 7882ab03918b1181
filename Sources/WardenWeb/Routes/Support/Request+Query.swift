import Hummingbird
import WardenCore

extension Request {
    /// The query parameter `name`, decoded as a browser's form encodes it
    /// (`application/x-www-form-urlencoded`: `+` is a space, then percent-escapes), or `nil`
    /// when absent. Hummingbird's own `queryParameters` leaves `+` alone, so a search for
    /// "Mill Lane" typed into a form would look for "Mill+Lane".
    func query(_ name: String) -> String? {
        FormFields(uri.query ?? "").first(name)
    }

    /// The query flag `name`: `true` or `false`, absent meaning false. Anything else is
    /// refused (400) rather than read as false, so a mistyped flag never silently changes
    /// what the caller gets.
    func flag(_ name: String) throws -> Bool {
        switch query(name) {
        case nil, "false": return false
        case "true": return true
        default: throw WardenError.invalidRequest("\(name): true or false")
        }
    }

    /// The integer (an identifier, a limit) in query parameter `name`, or `nil` when absent. A
    /// value that is not an integer is refused (400) rather than ignored: `?area=x` must not
    /// widen a report to everyone.
    func identifier(_ name: String) throws -> Int64? {
        guard let text = query(name) else { return nil }
        guard let value = Int64(text) else { throw WardenError.invalidRequest("\(name): an integer") }
        return value
    }
}
