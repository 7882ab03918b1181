/// What one run of the outbox did and, as importantly, what it left behind and why.
///
/// A run that stops silently at a batch limit makes an operator believe every notice went
/// out; the report therefore always says how many emails remain and in which state, so a
/// member's change notice can never sit unnoticed in the queue.
public struct MailDeliveryReport: Sendable, Hashable, Codable {
    /// Emails the relay accepted in this run.
    public var sent: Int
    /// Emails given up in this run (a permanent refusal, or the last allowed attempt failed).
    public var failedNow: Int
    /// Emails that failed for now in this run and wait for a later attempt.
    public var retryingNow: Int
    /// What the outbox holds after the run.
    public var backlog: MailBacklog

    public init(sent: Int = 0, failedNow: Int = 0, retryingNow: Int = 0, backlog: MailBacklog = MailBacklog()) {
        self.sent = sent
        self.failedNow = failedNow
        self.retryingNow = retryingNow
        self.backlog = backlog
    }

    /// Emails still owed to someone after the run: waiting to retry, still due (queued
    /// while the run went on), or given up in this run.
    public var left: Int { backlog.waitingToRetry + backlog.due + failedNow }

    /// One line for the terminal, e.g. `1,216 sent; 3 left: 2 waiting to retry after a
    /// temporary failure (next at 2026-11-29T21:05:00Z), 1 failed permanently`.
    public var summary: String {
        var line = "\(Self.grouped(sent)) sent"
        var parts: [String] = []
        if backlog.waitingToRetry > 0 {
            let next = backlog.nextAttempt.map { " (next at \($0))" } ?? ""
            parts.append("\(Self.grouped(backlog.waitingToRetry)) waiting to retry after a temporary failure\(next)")
        }
        if backlog.due > 0 { parts.append("\(Self.grouped(backlog.due)) queued during this run, still due") }
        if failedNow > 0 { parts.append("\(Self.grouped(failedNow)) failed permanently") }
        line += parts.isEmpty ? "; nothing left" : "; \(Self.grouped(left)) left: " + parts.joined(separator: ", ")
        let earlier = backlog.failed - failedNow
        if earlier > 0 { line += " (and \(Self.grouped(earlier)) failed in earlier runs)" }
        return line
    }

    /// `1216` as `1,216`, without a locale-dependent formatter.
    static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (count < 0 ? "-" : "") + out
    }
}

/// The state of the email outbox at one instant: what is still owed and when it can go.
public struct MailBacklog: Sendable, Hashable, Codable {
    /// Queued emails that may be attempted now.
    public var due: Int
    /// Queued emails that failed for now and wait for their next attempt.
    public var waitingToRetry: Int
    /// The earliest next attempt among those waiting.
    public var nextAttempt: Timestamp?
    /// Emails given up for good (in any run).
    public var failed: Int

    public init(due: Int = 0, waitingToRetry: Int = 0, nextAttempt: Timestamp? = nil, failed: Int = 0) {
        self.due = due
        self.waitingToRetry = waitingToRetry
        self.nextAttempt = nextAttempt
        self.failed = failed
    }
}
