import WardenCore
import WardenServices

/// The demo's mailings in the first ward: a notice of the annual general meeting sent to its
/// members (a service message), and a campaigning mailing left as a draft, so the organiser
/// finds one to count, read as a recipient would, and submit.
enum DemoMailings {
    static func seed(_ warden: Warden) async throws {
        let notice = try await warden.mailings.write(MailingDraft(
            areaCode: DemoConstituency.firstWardCode, subject: "Annual general meeting of {{area}} branch",
            body: """
                Dear {{first_name}},

                The annual general meeting of the {{area}} branch is on the first Thursday of next month at 7pm, \
                in the community centre. Every member may attend, speak and vote.

                Motions reach the branch secretary two weeks before.
                """,
            mailClass: .service, audience: .members(includeArrears: true)), actor: .localOperator)
        _ = try await warden.mailings.submit(notice.id, actor: .localOperator)
        if try await warden.mailings.mailing(notice.id).state == .awaitingApproval {
            _ = try await warden.mailings.approve(notice.id, actor: .localOperator)
        }
        _ = try await warden.mailings.send(notice.id, actor: .localOperator)
        _ = try await warden.mailings.write(MailingDraft(
            areaCode: DemoConstituency.firstWardCode, subject: "Street stall on Saturday",
            body: """
                Dear {{first_name}},

                We are on the high street in {{area}} this Saturday from ten until two, talking to shoppers about \
                the bus cuts. An hour of your time makes a difference: reply to this email to say when you can come.
                """,
            mailClass: .campaigning, audience: .members(includeArrears: false)), actor: .localOperator)
    }
}
