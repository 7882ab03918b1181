import Foundation
import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Change notices: a change someone else makes to a member's contact details tells the old
/// and the new email (through the outbox), the new address (print queue) and the new phone
/// (waiting for a gateway); the member's "this wasn't me" raises an alert once, and an
/// unknown token is refused.
@Suite("Store contract: change notices")
struct NoticeContractTests {
    @Test(arguments: StoreEngine.allCases)
    func aMembersChangedDetailsAreNoticedAndADisputeIsRecordedAndAlerted(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        _ = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", house: 1)])
        let ann = try await Fixture.personID(store, "M1")
        let request = try Fixture.emailChange(ann, to: "new@example.org", also: [
            try ContactEdit(kind: .phone, text: "07700 900123"), try ContactEdit(kind: .postal, text: "5 New Road\nTN1 1AB"),
        ], by: AccountID(9))
        guard case .changed(_, let fields, let notices) = try await store.changeContacts(request) else {
            Issue.record("the change was not made")
            return
        }
        #expect(Set(fields) == ["email", "phone", "postal"])
        #expect(notices == 4)
        #expect(try await store.queueCounts() == QueueCounts(mailQueued: 2, mailSent: 0, mailFailed: 0, postalToPrint: 1, textsWithoutGateway: 1))
        let mails = try await store.dueMail(at: Timestamp.now.adding(seconds: 1), limit: 10)
        #expect(Set(mails.map(\.recipient)) == ["ann@example.org", "new@example.org"])
        let link = "https://warden.test/notice/"
        let token = try #require(mails.first?.body.components(separatedBy: link).last?.prefix { !$0.isNewline })

        #expect(try await store.disputeNotice(tokenHash: Array(token.utf8), at: .now))
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.changeDisputed])
        let disputed = try #require(try await store.recentAuditEvents(limit: 1).first)
        #expect(disputed.action == .changeDisputed)
        #expect(disputed.people == [ann])
        #expect(try await store.disputeNotice(tokenHash: Array(token.utf8), at: .now))
        #expect(try await store.alerts(all: false, limit: 5).count == 1)
        #expect(try await !store.disputeNotice(tokenHash: Array("not a token".utf8), at: .now))
    }

    @Test(arguments: StoreEngine.allCases)
    func aChangeToSomeoneWhoIsNotAMemberTellsNoOne(engine: StoreEngine) async throws {
        let store = try await Fixture.registered(engine)
        let bob = try await Fixture.personID(store, "AA-2")
        let outcome = try await store.changeContacts(try Fixture.emailChange(bob, to: "bob@example.org", by: AccountID(9)))
        guard case .changed(_, _, let notices) = outcome else {
            Issue.record("the change was not made: \(outcome)")
            return
        }
        #expect(notices == 0)
        #expect(try await store.queueCounts().mailQueued == 0)
    }
}
