/// How long each category of data is kept (UK GDPR Art. 5(1)(e), storage limitation), as the
/// DPO sets it in the processing register; the server applies it every day (``RetentionPlan``).
///
/// The defaults are periods a UK party would defend: membership records for six years after
/// someone leaves (limitation periods for disputes and accounts); a register entry for 90 days
/// after the register stops listing someone who is not a member (long enough to see a
/// correction through); doorstep answers for four years after the campaign they were collected
/// for (one electoral cycle); sessions and sign-in records for 30 days. The audit log has no
/// period: it is the evidence of what happened to everyone else's data, and its hashes and
/// checkpoints are what `verify` proves the records by.
public struct RetentionSchedule: Sendable, Hashable, Codable {
    /// Years after a membership ended (resigned, lapsed, expelled) before the member record
    /// goes; someone still on the register stays as an elector only.
    public var formerMembersYears: Int
    /// Days after someone's last register entry ended, if they are not a member, before they go.
    public var offRegisterDays: Int
    /// Years after a campaign's end before its doorstep results go.
    public var canvassAnswersYears: Int
    /// Days ended sessions, sign-in failures and read charges are kept.
    public var sessionDays: Int
    /// Must be left out: the audit log is never deleted.
    public var auditLogDays: Int?

    public init(formerMembersYears: Int, offRegisterDays: Int, canvassAnswersYears: Int, sessionDays: Int, auditLogDays: Int? = nil) {
        self.formerMembersYears = formerMembersYears
        self.offRegisterDays = offRegisterDays
        self.canvassAnswersYears = canvassAnswersYears
        self.sessionDays = sessionDays
        self.auditLogDays = auditLogDays
    }

    public static let ukPartyDefault = RetentionSchedule(formerMembersYears: 6, offRegisterDays: 90, canvassAnswersYears: 4, sessionDays: 30)

    /// Problems that make the schedule unsafe to run, each naming its field.
    public var problems: [String] {
        var problems: [String] = []
        if auditLogDays != nil {
            problems.append("retentionSchedule.auditLogDays: the audit log, its hashes and checkpoints are never deleted (they prove every record); leave it out")
        }
        if !(1...50).contains(formerMembersYears) { problems.append("retentionSchedule.formerMembersYears: 1 to 50") }
        if !(0...3650).contains(offRegisterDays) { problems.append("retentionSchedule.offRegisterDays: 0 to 3650") }
        if !(0...20).contains(canvassAnswersYears) { problems.append("retentionSchedule.canvassAnswersYears: 0 to 20") }
        // A day's read budget counts charges over a rolling day; sessions last at most a day.
        if !(2...3650).contains(sessionDays) { problems.append("retentionSchedule.sessionDays: 2 to 3650 (read budgets count the last day)") }
        return problems
    }
}

/// A category of data with a period of its own.
public enum RetentionCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case formerMembers = "former_members"
    case offRegister = "off_register"
    case canvassAnswers = "canvass_answers"
    case sessions

    public var title: String {
        switch self {
        case .formerMembers: "Former members"
        case .offRegister: "No longer on the register, not members"
        case .canvassAnswers: "Doorstep results"
        case .sessions: "Sessions, sign-in failures and read charges"
        }
    }
}

/// What applying the schedule would remove (a plan) or removed (a run), in counts only: no
/// names, so the DPO's dashboard and the log can show it.
public struct RetentionPlan: Sendable, Hashable, Codable {
    public var asOf: Timestamp
    public var schedule: RetentionSchedule
    public var lines: [Line]

    /// One category and reason: how many people, and how many rows.
    public struct Line: Sendable, Hashable, Codable {
        public var category: RetentionCategory
        public var reason: String
        /// Whether this line is acted on; a held line is past its period but kept, and why.
        public var held: Bool
        public var people: Int
        public var rows: Int

        public init(category: RetentionCategory, reason: String, held: Bool = false, people: Int, rows: Int) {
            self.category = category
            self.reason = reason
            self.held = held
            self.people = people
            self.rows = rows
        }
    }

    public init(asOf: Timestamp, schedule: RetentionSchedule, lines: [Line]) {
        self.asOf = asOf
        self.schedule = schedule
        self.lines = lines
    }

    /// People and rows to go, held lines aside.
    public var due: (people: Int, rows: Int) {
        lines.filter { !$0.held }.reduce((0, 0)) { ($0.0 + $1.people, $0.1 + $1.rows) }
    }
}
