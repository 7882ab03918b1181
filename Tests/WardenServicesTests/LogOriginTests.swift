import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Each party's log goes by its own origin, and a checkpoint of another log is not taken for its own.
@Suite("Log origin", .serialized)
struct LogOriginTests {
    func named(_ origin: String) async throws -> TestWarden {
        let test = try await TestWarden.make()
        try await test.warden.log.setOrigin(LogOrigin(origin))
        _ = try await test.warden.areas.save([], actor: .localOperator)
        return test
    }

    func witness(_ note: String, to test: TestWarden) throws {
        let history = URL(fileURLWithPath: test.warden.configuration.witnessDirectory).appendingPathComponent("checkpoints")
        let handle = try FileHandle(forWritingTo: history)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(note.utf8))
    }

    @Test func twoPartiesSignUnderTheirOwnOriginsAndRefuseEachOthersCheckpoints() async throws {
        let north = try await named("north.example/audit")
        let south = try await named("south.example/audit")
        let northNote = try #require(try await north.warden.log.checkpoint()).note
        let southNote = try #require(try await south.warden.log.checkpoint()).note
        #expect(northNote.hasPrefix("north.example/audit\n"))
        #expect(southNote.hasPrefix("south.example/audit\n"))
        #expect(northNote.contains("\n\u{2014} north.example/audit "))
        #expect(try await north.warden.log.verifierKey.hasPrefix("north.example/audit+"))
        #expect(try await south.warden.log.verify(actor: .localOperator).findings == [])

        try witness(northNote, to: south)
        #expect(try await south.warden.log.verify(actor: .localOperator).findings == [
            "1 checkpoint(s) in the witness directory: the log `north.example/audit`, not this log `south.example/audit` (from another log, or the origin was changed)"
        ])
    }

    @Test func anOriginChangedInTheDatabaseNoLongerMatchesItsCheckpoints() async throws {
        let north = try await named("north.example/audit")
        try #require(try await north.warden.log.checkpoint() != nil)
        try north.sql("UPDATE setting SET value = 'south.example/audit' WHERE key = 'log_origin'")
        let found = try await north.warden.log.verify(actor: .localOperator).findings
        #expect(found.contains("1 checkpoint(s) in the witness directory: the log `north.example/audit`, not this log `south.example/audit` (from another log, or the origin was changed)"))
    }

    @Test func anOriginAlteredIntoNonsenseIsAFindingNotAFailure() async throws {
        let north = try await named("north.example/audit")
        try #require(try await north.warden.log.checkpoint() != nil)
        try north.sql("UPDATE setting SET value = 'two words' WHERE key = 'log_origin'")
        let found = try await north.warden.log.verify(actor: .localOperator).findings
        #expect(found.first == "the log's origin setting is not a valid origin (altered outside Warden)")
        #expect(found.contains { $0.hasSuffix("not this log `two words` (from another log, or the origin was changed)") })
    }

    @Test func theOriginIsFixedOnceACheckpointIsSigned() async throws {
        let north = try await named("north.example/audit")
        try #require(try await north.warden.log.checkpoint() != nil)
        await #expect(throws: WardenError.self) { try await north.warden.log.setOrigin(LogOrigin("south.example/audit")) }
        #expect(try await north.warden.log.origin().rawValue == "north.example/audit")
    }

    @Test func anOriginIsPrintableASCIIWithoutSpacesOrPlusAndAtMostAHundredCharacters() throws {
        for bad in ["", "two words", "tab\there", "line\nbreak", "key+name", "café.example/audit", String(repeating: "a", count: 101)] {
            #expect(throws: WardenError.self, "\(bad)") { try LogOrigin(bad) }
        }
        #expect(try LogOrigin(String(repeating: "a", count: 100)).rawValue.count == 100)
        #expect(LogOrigin.derived(hostName: "Office.Example", databasePath: "/srv/party.sqlite").rawValue == "office.example/party")
        #expect(LogOrigin.derived(hostName: "", databasePath: "warden-demo.sqlite").rawValue == "warden.local/warden-demo")
    }
}
