import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// A person's RSVPs are theirs: in their subject access package, and gone when they are
/// erased (the place they held going to the first waiting).
@Suite("Events in a person's record")
struct EventRecordTests {
    @Test func aSubjectAccessPackageListsThePersonsRSVPs() async throws {
        let seeded = try await SubjectAccessPackageTests.seeded()
        let test = seeded.test
        let event = try await test.warden.events.create(EventTests.details(try await EventTests.area("W1", test)), actor: .localOperator)
        try await EventTests.rsvp(event.id, "ann.lee@example.net", test, forenames: "Ann", surname: "Lee")
        let archive = try await test.warden.subjectAccess.package(seeded.caseID, actor: seeded.dpo)
        let record = try #require(archive.package.records.first)
        #expect(record.events.map(\.title) == ["Street stall"] && record.events.first?.state == .going)
        let html = String(decoding: try #require(archive.files.first { $0.name == SubjectAccessArchive.document }).contents, as: UTF8.self)
        #expect(html.contains("Events you replied to") && html.contains("Street stall"))
    }

    @Test func anErasureClearsThePersonsRSVPs() async throws {
        let seeded = try await ErasureTests.seeded()
        let test = seeded.test
        let event = try await test.warden.events.create(EventTests.details(try await EventTests.area("W1", test), capacity: 1), actor: .localOperator)
        try await EventTests.rsvp(event.id, ErasureTests.distinctive, test, forenames: "Ann", surname: "Lee")
        try await EventTests.rsvp(event.id, "next@example.org", test, forenames: "Ned")
        #expect(try test.sqlValues("SELECT state FROM event_rsvp WHERE person_id = \(seeded.ann.rawValue)") == ["going"])
        _ = try await ErasureTests.erase(seeded.ann, seeded)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM event_rsvp WHERE person_id = \(seeded.ann.rawValue)") == ["0"])
        // The place Ann held goes to the first waiting at housekeeping's next turn, emailed.
        #expect(try await test.warden.events.fillFreedPlaces(actor: .localOperator).count == 1)
        #expect(try test.sqlValues("SELECT state FROM event_rsvp") == ["going"])
        #expect(try test.sqlValues("SELECT subject FROM outbox WHERE recipient = 'next@example.org' ORDER BY id DESC LIMIT 1") == ["A place has come up: Street stall"])
        #expect(try await test.warden.events.fillFreedPlaces(actor: .localOperator).isEmpty)
    }
}
