public import WardenCore
import WardenMail
import WardenGate
import WardenStore

/// Bounces and complaints, as the mail system hands over what reaches the bounce address:
/// a hard bounce makes the address not emailable at once, the third soft bounce defers it,
/// and a complaint suppresses it for every kind of mail.
extension SuppressionService {
    /// What one message's reports did.
    public struct ReportOutcome: Sendable, Hashable {
        public var bounced = 0
        public var softBounces = 0
        public var deferred = 0
        public var complaints = 0
        public init() {}
    }

    /// Reads `raw` (a DSN, RFC 3464, or an ARF complaint, RFC 5965) and puts each address it
    /// reports on the suppression list as its report says. A message that is neither is refused,
    /// naming the problem, never its contents; it changes nothing.
    public func record(report raw: String, at instant: Timestamp = .now) async throws -> ReportOutcome {
        let reports: [MailReport]
        do {
            reports = try MailReportParser.reports(in: raw)
        } catch {
            throw WardenError.invalidRequest("the message is \(error.description)")
        }
        var outcome = ReportOutcome()
        for report in reports {
            let hash = try gate.addressHash(report.recipient)
            let status = report.status.map { " (status \(SafeText.line($0)))" } ?? ""
            func audit(_ what: String) -> AuditEvent {
                AuditEvent(at: instant, actorLabel: "bounce address", accountID: nil, action: .mailing, purpose: nil, outcome: .allowed,
                           detail: "mail report: \(what)\(status)", dataClasses: [], people: [])
            }
            switch report.kind {
            case .hardBounce:
                _ = try await store.suppress([SuppressedHash(hash: hash, entry: SuppressionEntry(reason: .bounced, since: instant, source: "bounce\(status)"))],
                                             audit: audit("hard bounce"))
                outcome.bounced += 1
            case .softBounce:
                let entry = try await store.recordSoftBounce(hash, at: instant, source: "soft bounce\(status)", audit: audit("soft bounce"))
                outcome.softBounces += 1
                if entry.deferredUntil.map({ instant < $0 }) == true { outcome.deferred += 1 }
            case .complaint:
                let kind = report.feedbackType.map { " (\(SafeText.line($0)))" } ?? ""
                _ = try await store.suppress([SuppressedHash(hash: hash, entry: SuppressionEntry(reason: .complained, since: instant, source: "complaint\(kind)"))],
                                             audit: audit("complaint\(kind)"))
                outcome.complaints += 1
            }
        }
        return outcome
    }
}
