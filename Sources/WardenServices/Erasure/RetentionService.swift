public import WardenCore
public import WardenGate
import WardenStore

/// Storage limitation that runs itself: the schedule in the processing register, applied by
/// the server every day (``runIfDue(actor:)``) or by `warden retention run`. `plan` shows what
/// would go and why, in counts; `run` does it, each removal an audited erasure in batches,
/// and reports the same lines with what it did.
public struct RetentionService: Sendable {
    let gate: Gate
    let store: any RetentionStore & ErasureStore & KeyStore
    let erasures: ErasureService
    let subjectAccess: SubjectAccessService

    /// People erased in one transaction.
    public static let batch = 1_000
    /// How often the server applies the schedule.
    public static let everySeconds: Int64 = 86_400
    static let lastRunSetting = "retention_last_run"

    /// What applying the schedule now would remove; the DPO's or the operator's to see.
    public func plan(actor: Actor) async throws -> RetentionPlan {
        try await gate.requireDataProtectionOfficer(actor, detail: "retention: plan", "only the data protection officer sees the retention plan")
        let schedule = try await subjectAccess.register().schedule
        let now = Timestamp.now
        return RetentionPlan(asOf: now, schedule: schedule, lines: Self.lines(try await store.retentionCandidates(schedule, asOf: now), schedule))
    }

    /// When the schedule last ran to the end, if it has.
    public func lastRun() async throws -> Timestamp? {
        try await store.setting(Self.lastRunSetting).flatMap(Timestamp.init(iso8601:))
    }

    /// Applies the schedule now: the local operator's (the server's scheduler, or the command
    /// line), never an account's. `progress` hears each step.
    public func run(actor: Actor, batch: Int = Self.batch, progress: (String) -> Void = { _ in }) async throws -> RetentionPlan {
        guard case .localOperator = actor.kind else {
            try await gate.refuse(AuditEvent(actor: actor, action: .erasure, purpose: .dataProtection, detail: "retention: run"), by: actor,
                                  why: "not the retention schedule", .forbidden("retention runs on the server, as its operator"))
        }
        let schedule = try await subjectAccess.register().schedule
        let now = Timestamp.now
        let found = try await store.retentionCandidates(schedule, asOf: now)
        var done = found
        done.formerMembers = try await erase(found.formerMembers, reason: "retention: former member past \(schedule.formerMembersYears) years",
                                             keepingRegister: false, batch: batch, actor: actor, progress: progress)
        done.formerMembersOnRegister = try await erase(found.formerMembersOnRegister,
                                                       reason: "retention: former member past \(schedule.formerMembersYears) years, kept as an elector",
                                                       keepingRegister: true, batch: batch, actor: actor, progress: progress)
        done.offRegister = try await erase(found.offRegister, reason: "retention: off the register for \(schedule.offRegisterDays) days",
                                           keepingRegister: false, batch: batch, actor: actor, progress: progress)
        (done.canvassContacts, done.canvassPeople) = try await expireCanvass(schedule, at: now, batch: batch, actor: actor, progress: progress)
        done.accessRecords = try await store.purgeAccessRecords(before: now.adding(days: -schedule.sessionDays), audit: AuditEvent(
            actor: actor, action: .erasure, purpose: .dataProtection, detail: "retention: access records older than \(schedule.sessionDays) days"))
        _ = try await store.scrubFreedSpace()
        try await store.setSetting(Self.lastRunSetting, value: now.description)
        return RetentionPlan(asOf: now, schedule: schedule, lines: Self.lines(done, schedule))
    }

    /// Runs the schedule if it has not run to the end in the last day.
    @discardableResult
    public func runIfDue(actor: Actor) async throws -> RetentionPlan? {
        if let last = try await lastRun(), Timestamp.now.secondsSince1970 - last.secondsSince1970 < Self.everySeconds { return nil }
        return try await run(actor: actor)
    }

    /// Erases `people` in batches, each one erasure in the log and the ledger; returns who was erased.
    private func erase(_ people: [PersonID], reason: String, keepingRegister: Bool, batch: Int, actor: Actor,
                       progress: (String) -> Void) async throws -> [PersonID] {
        var erased: [PersonID] = []
        for start in stride(from: 0, to: people.count, by: batch) {
            let chunk = Array(people[start..<min(start + batch, people.count)])
            let erasure = Erasure(kind: .retention, reason: reason, suppress: false, people: chunk, requestedBy: actor.label, requestedAt: .now)
            let outcome = try await gate.erase(erasure, keepingRegister: keepingRegister ? Set(chunk) : [], actor: actor)
            try erasures.record(outcome)
            erased += outcome.erasure.people
            progress("\(reason): \(erased.count) of \(people.count)")
        }
        return erased
    }

    /// Deletes doorstep results of campaigns past the period, a batch at a time.
    private func expireCanvass(_ schedule: RetentionSchedule, at now: Timestamp, batch: Int, actor: Actor,
                               progress: (String) -> Void) async throws -> (contacts: Int, people: Int) {
        let endedBefore = now.date.adding(months: -12 * schedule.canvassAnswersYears)
        var total = (contacts: 0, people: 0)
        while true {
            let (contacts, people) = try await gate.expireCanvassAnswers(campaignsEndedBefore: endedBefore, limit: batch, actor: actor)
            if contacts == 0 { break }
            total.contacts += contacts
            total.people += people
            progress("doorstep results past their period: \(total.contacts)")
        }
        return total
    }

    /// The plan's lines from what the schedule reaches.
    static func lines(_ found: RetentionCandidates, _ schedule: RetentionSchedule) -> [RetentionPlan.Line] {
        var lines: [RetentionPlan.Line] = []
        let left = "left more than \(schedule.formerMembersYears) years ago"
        lines.append(.init(category: .formerMembers, reason: "\(left), not on the register: erased", people: found.formerMembers.count,
                           rows: found.formerMembers.count))
        lines.append(.init(category: .formerMembers, reason: "\(left), on the register: kept as an elector only",
                           people: found.formerMembersOnRegister.count, rows: found.formerMembersOnRegister.count))
        let off = "off the register for more than \(schedule.offRegisterDays) days, not a member"
        lines.append(.init(category: .offRegister, reason: "\(off): erased", people: found.offRegister.count, rows: found.offRegister.count))
        for category in [RetentionCategory.formerMembers, .offRegister] {
            if let held = found.heldForGrants[category], !held.isEmpty {
                lines.append(.init(category: category, reason: "past the period, held: holds staff grants in force (an administrator revokes them)",
                                   held: true, people: held.count, rows: held.count))
            }
            if let held = found.heldForCases[category], !held.isEmpty {
                lines.append(.init(category: category, reason: "past the period, held: named in an open subject access case",
                                   held: true, people: held.count, rows: held.count))
            }
        }
        lines.append(.init(category: .canvassAnswers, reason: "campaign ended more than \(schedule.canvassAnswersYears) years ago",
                           people: found.canvassPeople, rows: found.canvassContacts))
        lines.append(.init(category: .sessions, reason: "older than \(schedule.sessionDays) days", people: 0,
                           rows: found.accessRecords.values.reduce(0, +)))
        return lines
    }
}
