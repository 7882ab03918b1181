/// The identity of an ``Incident``.
public struct IncidentID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A personal data breach as the DPO handles it (UK GDPR Art. 33 and 34): what happened, when
/// the party became aware (which starts the 72-hour clock), what it covers, the report to the
/// ICO in phases, and the notice to the people at high risk.
public struct Incident: Sendable, Hashable, Codable, Identifiable {
    public var id: IncidentID
    /// What happened, in the DPO's words: staff text, never people's data.
    public var title: String
    /// When the party became aware: the Art. 33(1) clock starts here.
    public var awareAt: Timestamp
    public var openedBy: String
    public var openedAt: Timestamp
    public var scope: IncidentScope
    /// The Art. 33 report as sent, one phase after another (Art. 33(4): in phases).
    public var phases: [ReportPhase]
    /// The Art. 34 notice to the people affected, once approved, and how many were queued.
    public var notice: Notice?

    public init(id: IncidentID = IncidentID(0), title: String, awareAt: Timestamp, openedBy: String, openedAt: Timestamp,
                scope: IncidentScope, phases: [ReportPhase] = [], notice: Notice? = nil) {
        self.id = id
        self.title = title
        self.awareAt = awareAt
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.scope = scope
        self.phases = phases
        self.notice = notice
    }

    /// Art. 33(1): "without undue delay and, where feasible, not later than 72 hours after
    /// having become aware of it".
    public static let reportingHours: Int64 = 72

    /// When the report to the ICO is due.
    public var reportDue: Timestamp { awareAt.adding(seconds: Self.reportingHours * 3_600) }

    /// Whole hours left until the report is due at `now` (negative once late); `nil` once a phase was sent.
    public func hoursLeft(at now: Timestamp) -> Int64? {
        guard phases.isEmpty else { return nil }
        let seconds = reportDue.secondsSince1970 - now.secondsSince1970
        return seconds >= 0 ? seconds / 3_600 : -((-seconds + 3_599) / 3_600)
    }

    /// One phase of the Art. 33(3) report: what is known so far and what was done.
    public struct ReportPhase: Sendable, Hashable, Codable {
        public var at: Timestamp
        public var by: String
        /// (a) the nature of the breach.
        public var nature: String
        /// (c) the likely consequences.
        public var consequences: String
        /// (d) the measures taken or proposed.
        public var measures: String

        public init(at: Timestamp, by: String, nature: String, consequences: String, measures: String) {
            self.at = at
            self.by = by
            self.nature = nature
            self.consequences = consequences
            self.measures = measures
        }
    }

    /// The Art. 34 notice: its wording as approved, who approved it, and what was queued.
    public struct Notice: Sendable, Hashable, Codable {
        public var subject: String
        public var body: String
        public var approvedBy: String
        public var approvedAt: Timestamp
        /// Emails queued through the outbox, and people with no email who need a letter.
        public var emailed: Int
        public var toPost: Int

        public init(subject: String, body: String, approvedBy: String, approvedAt: Timestamp, emailed: Int, toPost: Int) {
            self.subject = subject
            self.body = body
            self.approvedBy = approvedBy
            self.approvedAt = approvedAt
            self.emailed = emailed
            self.toPost = toPost
        }
    }
}
