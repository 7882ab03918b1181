import HTTPTypes
import Hummingbird
import WardenServices

/// The reader's daily budget of people read, as an API response tells it: used/limit in
/// `Warden-Read-Budget` and, past 80%, a warning in `Warden-Read-Budget-Warning`. (A page
/// says the same at its top; see ``Chrome/warn(_:)``.)
enum ReadBudgetHeaders {
    static var used: HTTPField.Name { .constant("Warden-Read-Budget") }
    static var warning: HTTPField.Name { .constant("Warden-Read-Budget-Warning") }

    /// `value` as JSON with the budget's headers.
    static func response(
        _ value: some ResponseEncodable, _ budget: ReadBudgetStatus?, request: Request, context: some RequestContext
    ) throws -> Response {
        var response = try value.response(from: request, context: context)
        if let budget {
            response.headers[used] = "\(budget.used)/\(budget.limit)"
            if budget.isNearlySpent {
                response.headers[warning] = "\(budget.used) of today's \(budget.limit) people read"
            }
        }
        return response
    }
}
