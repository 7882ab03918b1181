import WardenCore

/// After a contact change by someone other than the person, in the change's transaction:
/// the writer's burst of changes, and every watched period over one of the person's areas
/// (``ActivityWatch``), each alerting the DPO at most once a quiet period.
struct ContactChangeWatch<Ledger: WriteLedger> {
    let ledger: Ledger
    let limits: WatchLimits
    let at: Timestamp

    func check(placement: Set<AreaID>, by account: AccountID?, actor: String, areas all: [AreaID: Area]) throws {
        if let account { try burst(by: account, actor: actor) }
        for period in try ledger.watchedPeriods(at: at) where placement.contains(period.areaID) {
            try targeted(period, areas: all)
        }
    }

    /// One account's burst of contact changes in the last ten minutes.
    private func burst(by account: AccountID, actor: String) throws {
        // Counting stops past the limit, so the cost stays bounded however busy the account.
        let recent = try ledger.contactChanges(by: account, since: at.adding(seconds: -ActivityWatch.contactChangeWindow),
                                               upTo: limits.contactChanges + 1)
        guard ActivityWatch.isChangingTooMany(contactChangesInWindow: recent, limits: limits) else { return }
        try ledger.raise(AlertDraft(kind: .contactChanges, accountID: account, actor: actor,
                                    detail: "more than \(limits.contactChanges) people's contact details changed in 10 minutes"),
                         at: at, dedupeWithin: ActivityWatch.quietPeriod)
    }

    /// Members of a watched area whose contact details someone else changed since the period began.
    private func targeted(_ period: WatchedPeriod, areas all: [AreaID: Area]) throws {
        let changed = try ledger.membersChangedByOthers(in: period.areaID, since: period.startsAt, areas: all)
        guard ActivityWatch.isTargetingWatchedArea(membersChanged: changed, limits: limits) else { return }
        let name = all[period.areaID]?.name ?? "area \(period.areaID)"
        try ledger.raise(AlertDraft(kind: .contactChanges, accountID: nil, actor: "watched area \(name)",
                                    detail: "\(changed) members of \(name) have had contact details changed by others during the watched period (\(period.reason))"),
                         at: at, dedupeWithin: ActivityWatch.quietPeriod)
    }
}
