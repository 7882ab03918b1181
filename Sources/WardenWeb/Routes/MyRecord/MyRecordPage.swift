import Foundation
import WardenCore

/// "My record": the member's own details as the Gate shows them to the member role, the form
/// to correct contact details and consents, and the links to their data and its readers.
struct MyRecordPage {
    var chrome: Chrome
    var person: PersonPage
    var email: String
    var phone: String
    var postal: String
    var consentEmail: Bool
    var consentSms: Bool
    var consentCall: Bool
    var consentPost: Bool
    var isMember: Bool
    var notice: String?
    /// The party's emails to them: subject, kind, when.
    var mailings: [Received]
    var noMailings: Bool

    struct Received { var sent: String; var subject: String; var kind: String }

    init(chrome: Chrome, view: PersonView, mailings: [MailingReceived], done: String?) {
        self.chrome = chrome
        self.mailings = mailings.reversed().map {
            Received(sent: $0.sentAt?.readable ?? "", subject: $0.subject, kind: $0.mailClass == .campaigning ? "campaigning" : "service message")
        }
        noMailings = mailings.isEmpty
        person = PersonPage(chrome: chrome, view: view)
        let email = view.emails?.first
        let phone = view.phones?.first
        let postal = view.postalAddresses?.first
        self.email = email?.value ?? ""
        self.phone = phone?.value ?? ""
        self.postal = postal?.value ?? ""
        consentEmail = email?.consent.contains(.email) ?? false
        consentSms = phone?.consent.contains(.sms) ?? false
        consentCall = phone?.consent.contains(.call) ?? false
        consentPost = postal?.consent.contains(.post) ?? false
        isMember = view.membershipStatus.map { $0 != .resigned && $0 != .expelled } ?? false
        notice = switch done {
        case "contact": "Your contact details are changed."
        case "unchanged": "Nothing changed: the details were already as you gave them."
        case "held": "You are on the electorate of a ballot under way, so nothing changes yet: we have emailed the address you had when it was fixed. Confirm there, and the change is made after the cooling-off."
        default: nil
        }
    }

    /// Who looked at the record.
    struct Views {
        var chrome: Chrome
        var rows: [Row]
        var none: Bool

        struct Row { var at: String; var action: String; var purpose: String; var role: String; var outcome: String }

        init(chrome: Chrome, consultations: [Consultation]) {
            self.chrome = chrome
            rows = consultations.map {
                Row(at: $0.at.readable, action: $0.action.replacingOccurrences(of: "_", with: " "),
                    purpose: $0.purpose?.replacingOccurrences(of: "_", with: " ") ?? "", role: $0.role, outcome: $0.outcome)
            }
            none = rows.isEmpty
        }
    }

    /// Said once a resignation has taken effect.
    struct Resigned { var chrome: Chrome }
}
