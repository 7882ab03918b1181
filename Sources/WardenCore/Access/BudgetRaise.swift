/// One account's read budget raised for a day by the data protection officer, from the alert
/// that said the budget ran out: a person with a real day's work left can go on, and the
/// raise is on the record with who gave it and why.
///
/// The rule (``allowedExtra(for:)``, ``decisionRefusal(_:by:)``): only the DPO raises, never
/// for an alert about themselves; a raise lasts 24 hours and adds at most the account's own
/// daily budget again (twice the usual day at most); the listing allowance grows with it.
public struct BudgetRaise: Sendable, Hashable, Codable {
    public var accountID: AccountID
    /// People added to the read budget while the raise lasts.
    public var extra: Int
    public var until: Timestamp
    public var by: String
    public var reason: String

    public init(accountID: AccountID, extra: Int, until: Timestamp, by: String, reason: String) {
        self.accountID = accountID
        self.extra = extra
        self.until = until
        self.by = by
        self.reason = reason
    }

    /// How long a raise lasts.
    public static let hours: Int64 = 24

    /// The most a raise may add to an account whose usual budget is `budget`.
    public static func allowedExtra(for budget: Int) -> Int { budget }

    /// Why `actor` may not raise the budget the `alert` is about, or `nil` when they may.
    public static func decisionRefusal(_ alert: Alert, by actor: Actor) -> String? {
        guard alert.kind == .budgetExhausted, alert.accountID != nil else { return "only a budget alert about an account leads to a raise" }
        guard AccessPolicy.mayAcknowledge(alert, actor: actor), actor.roles.contains(.dataProtectionOfficer) else {
            return "only the data protection officer raises a budget, and never their own"
        }
        return nil
    }
}
