import Foundation
import WardenCore
import WardenServices

/// The pages of mailings: the list with the form to write one and the suppression list's
/// numbers, one mailing with its count and sample, and the public unsubscribe page.
/// Logic-free view models.
enum MailingPages {
    struct Row {
        var id: String
        var subject: String
        var area: String
        var audience: String
        var state: String
        var created: String
    }

    struct Choice { var value: String; var label: String }
    struct Count { var label: String; var value: String }

    struct List {
        var chrome: Chrome
        var rows: [Row]
        /// The areas the reader writes to, for the form.
        var areas: [Choice]
        var none: Bool
        var mayWrite: Bool
        var mayRecord: Bool
        var isDPO: Bool
        var audiences: [Choice]
        var fields: [Choice]
        var suppressed: [Count]
    }

    struct One {
        var chrome: Chrome
        var id: String
        var subject: String
        var area: String
        var mailClass: String
        var audience: String
        var author: String
        var state: String
        /// The count, while it can still be sent and the reader writes to its area.
        var preview: Bool
        var counts: [Count]
        var sampleSubject: String
        var sampleBody: String
        var needs: String?
        var approvals: [Count]
        var sent: [Count]
        var isDraft: Bool
        var awaiting: Bool
        var approved: Bool
        var open: Bool
        /// A writer over the area: they see the count, and submit, send and withdraw.
        var mayChange: Bool
    }

    struct Unsubscribe {
        var chrome: Chrome
        var token: String
        var done: String?
    }

    static func state(_ state: MailingState) -> String {
        switch state {
        case .draft: "draft"
        case .awaitingApproval: "waiting for approval"
        case .approved: "approved, not sent"
        case .sent: "sent"
        case .withdrawn: "withdrawn"
        }
    }

    static func counts(_ count: AudienceCount) -> [Count] {
        [Count(label: "People the rule finds", value: String(count.people)),
         Count(label: "Emails a send queues now", value: String(count.emails)),
         Count(label: "No email address", value: String(count.noEmail)),
         Count(label: "No consent to campaigning email", value: String(count.noConsent)),
         Count(label: "Suppressed (unsubscribed, objected, bounced, complained) or erased", value: String(count.suppressed)),
         Count(label: "Sharing an address with someone who gets it", value: String(count.shared))]
    }

    static func notice(_ done: String) -> String? {
        switch done {
        case "written": "The mailing is saved as a draft. Check the count and the sample, then submit it."
        case "submitted": "Submitted. It goes once it has every approval it needs."
        case "approved": "Your approval is recorded."
        case "sent": "Sent: the emails are queued and go out through the relay."
        case "withdrawn": "The mailing is withdrawn."
        case "recorded": "Recorded: those addresses are on the suppression list."
        default: nil
        }
    }
}
