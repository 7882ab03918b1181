import Hummingbird
import WardenCore
import WardenServices

/// The accounts, for administrators. The service checks the caller's role and records a
/// refusal.
struct AccountsResource: Resource {
    let warden: Warden

    func register(on surfaces: Surfaces) {
        surfaces.signedInAPI.get("accounts", use: list)
    }

    struct AccountsResponse: ResponseEncodable { var accounts: [AccountSummary] }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> AccountsResponse {
        AccountsResponse(accounts: try await warden.accounts.list(actor: context.actor))
    }
}
