public import WardenCore
@_spi(Gate) public import WardenStore

/// The membership office's money: payments reports and the party's dues rules. Each moves the
/// whole party's members, so each needs what an import needs (``AccessPolicy/mayImport(_:purpose:areas:)``:
/// the local operator, or a whole-party membership secretary), and each move the rules make
/// is versioned, in the member's history and logged, in the same transaction.
extension Gate {
    /// Records a payments report and applies the dues rules on `today`, all or nothing.
    public func importPayments(_ lines: [ImportLine<Payment>], options: ImportOptions, today: CalendarDate) async throws -> ImportReport {
        let actor = options.actor
        let audit = AuditEvent(actor: actor, action: .import, purpose: .membershipAdministration, detail: "payments report \(options.file)")
        try await mayRunDues(actor, audit)
        let author = VersionAuthor(at: audit.at, accountID: actor.accountID, actor: actor.label, grantID: nil,
                                   reason: "dues rules after payments report \(options.file)")
        return try await store.importPayments(PaymentImportRequest(
            lines: lines, options: options, today: today, author: author, audit: audit,
            moveAudit: AuditEvent(actor: actor, action: .write, purpose: .membershipAdministration, detail: ""), standing: actor.standing))
    }

    /// Applies the dues rules on `today`: members whose dues ran out move to in arrears, then
    /// lapsed, at the party's grace periods; members paid up again are active.
    public func applyDuesRules(today: CalendarDate, actor: Actor) async throws -> [String: Int] {
        let audit = AuditEvent(actor: actor, action: .write, purpose: .membershipAdministration, detail: "dues rules applied for \(today)")
        try await mayRunDues(actor, audit)
        let author = VersionAuthor(at: audit.at, accountID: actor.accountID, actor: actor.label, grantID: nil, reason: "dues rules for \(today)")
        return try await store.applyDuesRules(
            today: today, author: author, audit: audit,
            moveAudit: AuditEvent(actor: actor, action: .write, purpose: .membershipAdministration, detail: ""), standing: actor.standing)
    }

    /// The party's dues rules. Not personal data: anyone signed in to the office may read them.
    public func duesRules() async throws -> DuesRules {
        try await store.duesRules()
    }

    /// Sets the party's grace periods, recorded.
    public func setDuesRules(_ rules: DuesRules, actor: Actor) async throws {
        let audit = AuditEvent(actor: actor, action: .write, purpose: .membershipAdministration,
                               detail: "dues rules: in arrears \(rules.arrearsAfterDays) days after dues run out, lapsed after \(rules.lapseAfterDays)")
        try await mayRunDues(actor, audit)
        try await store.setDuesRules(rules, audit: audit, standing: actor.standing)
    }

    /// Refuses, on the record, unless `actor` may move the whole party's memberships.
    private func mayRunDues(_ actor: Actor, _ audit: AuditEvent) async throws {
        guard try await !mayImport(actor, purpose: .membershipAdministration) else { return }
        try await refuse(audit, by: actor, why: "no whole-party membership secretary grant",
                         .forbidden("payments and dues rules need a whole-party membership secretary grant"))
    }
}
