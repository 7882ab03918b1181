import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The doorstep's "undo": a canvasser withdraws their own result just saved, while they hold
/// the list and within the undo window; the withdrawal is a version of its own and logged,
/// and nobody else's result, or an older one, can be undone.
@Suite struct CanvassUndoTests {
    @Test func aCanvasserUndoesTheirOwnResultJustSavedAndTheHistoryKeepsBoth() async throws {
        let test = try await CanvassTests.harness()
        let list = try await test.walkList(assignedTo: "canvasser")
        let ann = try await CanvassTests.person(test, "M1")
        let bob = try await CanvassTests.person(test, "Bob Lee")
        let canvasser = try await test.actor("canvasser")
        let answers = SurveyAnswers(intention: "Green", certainty: .likely, likelihood: 8, postalVote: nil, issues: [], notes: "")
        _ = try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .spoke, answers: answers), actor: canvasser)
        _ = try await test.warden.canvass.record(CanvassResult(personID: bob, walkListID: list.id, outcome: .notIn), actor: canvasser)

        #expect(try await test.warden.canvass.undo([ann], onList: list.id, actor: canvasser) == 1)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM canvass_contact WHERE person_id = \(ann.rawValue)") == ["0"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM canvass_contact WHERE person_id = \(bob.rawValue)") == ["1"], "only the one asked for")
        #expect(try await test.warden.canvass.undo([ann], onList: list.id, actor: canvasser) == 0, "nothing left to undo")

        let history = try await test.warden.investigations.history(of: ann, proofs: false, actor: .localOperator)
        let canvassVersions = history.changes.filter { $0.fields.contains("canvass") }
        #expect(canvassVersions.count == 2, "recorded, then withdrawn")
        #expect(canvassVersions.last?.reason.contains("withdrawn (undo)") == true)
        let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 20)
        #expect(audit.contains { $0.actor == "canvasser" && $0.detail.hasPrefix("doorstep result withdrawn (undo): withdrew result") })
        _ = try await test.warden.log.checkpoint()
        #expect(try await test.warden.log.verify(actor: .localOperator).findings.isEmpty)
    }

    @Test func anOlderResultOrSomeoneElsesCannotBeUndoneAndAStrangerIsRefused() async throws {
        let test = try await CanvassTests.harness()
        try await test.account("other", .canvasser, areaCode: "AA")
        let list = try await test.walkList(assignedTo: "canvasser")
        let ann = try await CanvassTests.person(test, "M1")
        let canvasser = try await test.actor("canvasser")
        _ = try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .notIn), actor: canvasser)
        // Saved more than the undo window ago: it stays.
        let old = Timestamp.now.adding(seconds: -CanvassResult.undoWindow - 60)
        try test.sql("UPDATE canvass_contact SET at = '\(old)'")
        #expect(try await test.warden.canvass.undo([ann], onList: list.id, actor: canvasser) == 0)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM canvass_contact") == ["1"])

        // A canvasser who does not hold the list is refused, on the record.
        let other = try await test.actor("other")
        await #expect(throws: WardenError.self) { _ = try await test.warden.canvass.undo([ann], onList: list.id, actor: other) }
        let audit = try await test.warden.accounts.recentAudit(actor: .localOperator, limit: 1)
        #expect(audit.first?.outcome == .refused && audit.first?.actor == "other")
        #expect(try test.sqlValues("SELECT COUNT(*) FROM canvass_contact") == ["1"])
    }
}
