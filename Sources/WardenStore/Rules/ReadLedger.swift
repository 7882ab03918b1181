import WardenCore

/// What charging and recording a read needs from an engine, inside its write transaction:
/// typed primitive queries and statements, no rules. Each engine implements this once; the
/// rules over it (``ReadCharge``) are the same Swift for every engine.
protocol ReadLedger: LogAppender, StandingLedger {
    /// Distinct people `account` was charged for after `since`, to the allowance `kind`.
    func peopleCharged(account: AccountID, since: Timestamp, kind: ChargeKind) throws -> Int
    /// Whether `person` was already charged to `account` after `since`, to the allowance `kind`.
    func wasCharged(account: AccountID, person: PersonID, since: Timestamp, kind: ChargeKind) throws -> Bool
    /// Charges `person` to `account` at `instant`, to the allowance `kind` (once: a repeat is ignored).
    func charge(account: AccountID, person: PersonID, at instant: Timestamp, kind: ChargeKind) throws
    /// People added to `account`'s read budget by raises in force at `instant` (``BudgetRaise``).
    func budgetRaise(account: AccountID, at instant: Timestamp) throws -> Int
    /// Reads charged to `account` after `since`, counted no further than `limit`.
    func charges(account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int
    /// People named by `account`'s allowed reads (not searches) after `since`, newest first, at most `limit`.
    func recentlyRead(account: AccountID, since: Timestamp, limit: Int) throws -> [PersonID]
    /// `account`'s searches after `since`, counted no further than `limit`.
    func searches(account: AccountID, since: Timestamp, upTo limit: Int) throws -> Int
}
