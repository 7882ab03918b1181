import Foundation
import Testing
import WardenCore
import WardenGate
import WardenServices
import WardenStore
import WardenTestSupport

@Suite("Erasure")
struct ErasureTests {
    /// The subject access fixture (Ann Lee in every table that can name a person), a second
    /// data protection officer, and a distinctive email of Ann's to look for in the files.
    struct Seeded {
        let test: TestWarden
        let dpo: Actor
        let secondDPO: Actor
        let ann: PersonID
        let bob: PersonID
    }

    static let distinctive = "zebedee.quillfeather@example.net"

    static func seeded() async throws -> Seeded {
        let seeded = try await SubjectAccessPackageTests.seeded()
        let test = seeded.test
        try await test.account("dpo2", .dataProtectionOfficer, areaCode: "C")
        _ = try await test.warden.people.changeContacts(of: seeded.ann, edits: [try ContactEdit(kind: .email, text: distinctive)],
                                                        reason: "a second address", actor: seeded.dpo, purpose: .dataProtection)
        return Seeded(test: test, dpo: seeded.dpo, secondDPO: try await test.actor("dpo2"), ann: seeded.ann, bob: seeded.bob)
    }

    /// Asks as the operator (the command line) and approves as the second DPO.
    static func erase(_ person: PersonID, _ seeded: Seeded, suppress: Bool = true) async throws -> ErasureService.Done {
        let erasure = try await seeded.test.warden.erasures.request(person: person, reason: "Art. 17 request by email on 1 Dec", suppress: suppress,
                                                                    actor: .localOperator)
        return try await seeded.test.warden.erasures.approve(erasure.id, actor: seeded.secondDPO)
    }

    @Test func aRequestIsCarriedOutOnlyByASecondDataProtectionOfficer() async throws {
        let seeded = try await Self.seeded()
        let service = seeded.test.warden.erasures
        let asked = try await service.request(person: seeded.ann, reason: "asked in writing", suppress: true, actor: seeded.dpo)
        #expect(asked.state == .awaitingApproval && asked.requestedBy == "dpo")
        // Whoever asked, the local operator and anyone without a DPO grant are refused, on the record.
        let secretary = Actor(kind: .account(AccountID(rawValue: 3), username: "secretary"), roles: [.membershipSecretary])
        for actor in [seeded.dpo, Actor.localOperator, secretary] {
            await #expect(throws: WardenError.self) { _ = try await service.approve(asked.id, actor: actor) }
        }
        let refusals = try await seeded.test.warden.accounts.recentAudit(actor: .localOperator, limit: 20).filter { $0.outcome == .refused }
        #expect(refusals.filter { $0.action == .erasure || $0.detail.contains("erasure") }.count >= 2)
        #expect(try await service.erasure(asked.id, actor: .localOperator).state == .awaitingApproval)

        let done = try await service.approve(asked.id, actor: seeded.secondDPO)
        #expect(done.outcome.erasure.state == .done && done.outcome.erasure.decidedBy == "dpo2")
        #expect(done.outcome.versionsRedacted > 0 && done.outcome.suppressionEntries > 0)
        await #expect(throws: WardenError.conflict("erasure \(asked.id) is already carried out; nothing to decide")) {
            _ = try await service.approve(asked.id, actor: seeded.secondDPO)
        }
        let entries = try await seeded.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
        #expect(entries.contains { $0.action == .erasure && $0.people == [seeded.ann] && $0.detail.contains("1 people erased") })
    }

    @Test func refusingRecordsWhyAndErasesNothing() async throws {
        let seeded = try await Self.seeded()
        let service = seeded.test.warden.erasures
        let asked = try await service.request(person: seeded.ann, reason: "asked in writing", suppress: true, actor: .localOperator)
        let refused = try await service.refuse(asked.id, reason: "Art. 17(3)(e): a claim is pending", actor: seeded.dpo)
        #expect(refused.state == .refused && refused.refusal == "Art. 17(3)(e): a claim is pending")
        await #expect(throws: WardenError.self) { _ = try await service.approve(asked.id, actor: seeded.secondDPO) }
        #expect(try await seeded.test.warden.people.person(seeded.ann, actor: .localOperator, purpose: .dataProtection).value.surname == "Lee")
    }

    @Test func badRequestsAreClearAndChangeNothing() async throws {
        let seeded = try await Self.seeded()
        let service = seeded.test.warden.erasures
        await #expect(throws: StoreError.notFound("person 99999: no such person")) {
            _ = try await service.request(person: PersonID(rawValue: 99999), reason: "asked", suppress: true, actor: .localOperator)
        }
        await #expect(throws: WardenError.invalidRequest("reason: say why the person is to be erased")) {
            _ = try await service.request(person: seeded.ann, reason: "  ", suppress: true, actor: .localOperator)
        }
        let asked = try await service.request(person: seeded.ann, reason: "asked", suppress: true, actor: .localOperator)
        await #expect(throws: StoreError.conflict("person \(seeded.ann): erasure \(asked.id) is already waiting for approval")) {
            _ = try await service.request(person: seeded.ann, reason: "asked again", suppress: true, actor: .localOperator)
        }
        _ = try await service.approve(asked.id, actor: seeded.secondDPO)
        await #expect(throws: StoreError.conflict("person \(seeded.ann): already erased (erasure \(asked.id))")) {
            _ = try await service.request(person: seeded.ann, reason: "asked again", suppress: true, actor: .localOperator)
        }
        // Someone asking is refused unless they are the DPO.
        await #expect(throws: WardenError.self) {
            _ = try await service.request(person: seeded.bob, reason: "asked", suppress: true, actor: try await seeded.test.actor("organiser"))
        }
    }

    @Test func staffWithGrantsInForceAreNotErasedUntilTheirGrantsAreRevoked() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("cat", .organiser, areaCode: "W2", membershipNumber: "M2")
        try await test.account("dpo2", .dataProtectionOfficer, areaCode: "C")
        let cat = try #require(try await test.warden.people.search(PeopleQuery(text: "M2"), actor: .localOperator,
                                                                    purpose: .membershipAdministration).value.first?.id)
        let dpo2 = try await test.actor("dpo2")
        let asked = try await test.warden.erasures.request(person: cat, reason: "asked", suppress: false, actor: .localOperator)
        await #expect(throws: StoreError.conflict("person \(cat): account 2 holds staff grants in force; an administrator revokes them first")) {
            _ = try await test.warden.erasures.approve(asked.id, actor: dpo2)
        }
        #expect(try await test.warden.erasures.erasure(asked.id, actor: .localOperator).state == .awaitingApproval)
        try await test.warden.accounts.revokeAccess(username: "cat", actor: .localOperator)
        let done = try await test.warden.erasures.approve(asked.id, actor: dpo2)
        #expect(done.outcome.erasure.people == [cat])
        #expect(try test.sqlValues("SELECT username || ' ' || (disabled_at IS NOT NULL) || ' ' || COALESCE(person_id, 0) FROM account WHERE username LIKE 'erased-%'")
            .map { $0.replacingOccurrences(of: "|", with: " ") }.count == 1)
    }

    /// Every table with a person column holds nothing of the erased person but their
    /// identifier where ``ErasureCoverage`` says why; the stored bytes (the SQLite file and its
    /// log, or a dump of the PostgreSQL database) hold none of their email.
    @Test func afterErasureNoTableHoldsThePerson() async throws {
        let seeded = try await Self.seeded()
        let bytesBefore = try TestEngine.current.storedBytes(of: seeded.test.warden.configuration.databasePath)
        #expect(bytesBefore.range(of: Data(Self.distinctive.utf8)) != nil)
        let done = try await Self.erase(seeded.ann, seeded)
        #expect(done.remaining == nil || TestEngine.current == .postgres)

        let test = seeded.test
        let query = switch test.warden.configuration.testEngine {
        case .sqlite: "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'person_id' ORDER BY 1"
        case .postgres: "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'person_id' ORDER BY 1"
        }
        let covered = Set(ErasureCoverage.cleared).union(ErasureCoverage.kept.keys)
        for table in try test.sqlValues(query) {
            #expect(covered.contains(table), "\(table) names a person, and erasure neither clears it nor says why it keeps it")
            if ErasureCoverage.cleared.contains(table) {
                #expect(try test.sqlValues("SELECT COUNT(*) FROM \(table) WHERE person_id = \(seeded.ann.rawValue)") == ["0"], "\(table)")
            }
        }
        #expect(try test.sqlValues("SELECT COUNT(*) FROM person WHERE id = \(seeded.ann.rawValue)") == ["0"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM person_version WHERE person_id = \(seeded.ann.rawValue) AND (state <> '' OR reason <> '' OR erasure_id IS NULL)") == ["0"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM account WHERE username = 'ann'") == ["0"])
        #expect(try test.sqlValues("SELECT requester FROM sar_case") == ["(erased)"])
        let bytes = try TestEngine.current.storedBytes(of: test.warden.configuration.databasePath)
        #expect(bytes.range(of: Data(Self.distinctive.utf8)) == nil)
        #expect(bytes.range(of: Data("ann@example.org".utf8)) == nil)
        // Bob, who lives with her, is untouched.
        #expect(try await test.warden.people.person(seeded.bob, actor: .localOperator, purpose: .dataProtection).value.forenames == "Bob")
    }

    @Test func verifyIsCleanAndNamesTheErasureButNotAFakeOne() async throws {
        let seeded = try await Self.seeded()
        _ = try await seeded.test.warden.log.checkpoint()
        let done = try await Self.erase(seeded.ann, seeded)
        _ = try await seeded.test.warden.log.checkpoint()
        let report = try await seeded.test.warden.log.verify(actor: .localOperator)
        #expect(report.isIntact, "\(report.findings)")
        let tally = try #require(report.erasures.first)
        #expect(tally.erasure == done.outcome.erasure.id && tally.people == 1 && tally.versions == done.outcome.versionsRedacted)
        #expect(tally.summary.hasPrefix("1 record erased under erasure \(done.outcome.erasure.id)"))

        // Emptying Bob's record behind Warden's back and calling it the same erasure is tampering.
        try seeded.test.sql("UPDATE person_version SET erasure_id = \(done.outcome.erasure.id), state = '' WHERE person_id = \(seeded.bob.rawValue)")
        let tampered = try await seeded.test.warden.log.verify(actor: .localOperator)
        #expect(tampered.findings.contains { $0.contains("person \(seeded.bob.rawValue): emptied under erasure") })
    }

    @Test func aLaterRegisterImportHonoursTheSuppression() async throws {
        let seeded = try await Self.seeded()
        _ = try await Self.erase(seeded.ann, seeded)
        let report = try await seeded.test.warden.imports.importRegister(path: seeded.test.directory.appendingPathComponent("register.csv").path,
                                                                         actor: .localOperator)
        #expect(report.suppressed == 1 && report.problems.isEmpty)
        let found = try await seeded.test.warden.people.search(PeopleQuery(text: "Lee"), actor: .localOperator, purpose: .registerMaintenance).value
        #expect(found.map(\.forenames) == ["Bob"])
    }

    @Test func withoutSuppressionAReimportBringsBackOnlyWhatTheRegisterSays() async throws {
        let seeded = try await Self.seeded()
        let done = try await Self.erase(seeded.ann, seeded, suppress: false)
        #expect(done.outcome.suppressionEntries == 0)
        let report = try await seeded.test.warden.imports.importRegister(path: seeded.test.directory.appendingPathComponent("register.csv").path,
                                                                         actor: .localOperator)
        #expect(report.suppressed == 0 && report.problems.isEmpty)
        let ann = try #require(try await seeded.test.warden.people.search(PeopleQuery(text: "AA-1"), actor: .localOperator,
                                                                          purpose: .registerMaintenance).value.first)
        #expect(ann.id != seeded.ann)
        let record = try await seeded.test.warden.people.person(ann.id, actor: .localOperator, purpose: .dataProtection).value
        #expect(record.membershipNumber == nil && (record.emails ?? []).isEmpty && (record.phones ?? []).isEmpty && (record.canvass ?? []).isEmpty)
    }

    /// A copy of the database taken before the erasure: the current key ring (with its
    /// ledger) opens none of the person's sealed answers from it; opening it re-erases them;
    /// and once the old key-encryption key is rotated out and retired, their wrapped data key
    /// in the copy opens with no key there is.
    @Test(.enabled(if: TestEngine.current == .sqlite, "copies an SQLite file"))
    func aCopyTakenBeforeTheErasureIsUselessForThePerson() async throws {
        let seeded = try await Self.seeded()
        let test = seeded.test
        let copyPath = test.directory.appendingPathComponent("before.sqlite").path
        try test.sql("VACUUM INTO '\(copyPath)'")
        _ = try await Self.erase(seeded.ann, seeded)

        let wrapped = try #require(try TestEngine.sqlite.run("SELECT hex(wrapped) FROM person_key WHERE person_id = \(seeded.ann.rawValue)",
                                                             on: copyPath).first)
        let wrappedBytes = stride(from: 0, to: wrapped.count, by: 2).map { offset -> UInt8 in
            let start = wrapped.index(wrapped.startIndex, offsetBy: offset)
            return UInt8(wrapped[start..<wrapped.index(start, offsetBy: 2)], radix: 16)!
        }
        let context = Envelope.keyContext(seeded.ann)
        #expect((try? KeyRing.load(from: test.warden.configuration.keyRingPath).open(wrappedBytes, context: context)) != nil)

        var configuration = test.warden.configuration
        configuration.databasePath = copyPath
        configuration.witnessDirectory = test.directory.appendingPathComponent("copy.witness").path
        let copy = try await Warden.open(configuration)
        // Through the Gate, the copy's sealed answers for Ann no longer open: the ledger names her.
        let officer = Actor(kind: .account(AccountID(rawValue: 2), username: "dpo"), roles: [.dataProtectionOfficer])
        await #expect(throws: WardenError.notFound("person \(seeded.ann) was erased (erasure 1); their data key is destroyed")) {
            _ = try await copy.people.person(seeded.ann, actor: officer, purpose: .dataProtection)
        }
        #expect(try await copy.people.person(seeded.bob, actor: officer, purpose: .dataProtection).value.forenames == "Bob")
        let reconciled = try await copy.erasures.reconcile(actor: .localOperator)
        #expect(reconciled.reapplied.values.first == 1)
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM person WHERE id = \(seeded.ann.rawValue)", on: copyPath) == ["0"])
        // Its own witness directory is new and empty; nothing else is found.
        #expect(try await copy.log.verify(actor: .localOperator).findings.allSatisfy { $0.hasPrefix("witness directory") })
        await copy.close()

        // Rotating leaves her key out (it is gone); retiring the old key makes the copy's wrapped key open nowhere.
        _ = try await test.warden.keys.rotate(actor: .localOperator)
        try await test.warden.keys.retire(version: 1, actor: .localOperator)
        await #expect(throws: (any Error).self) {
            _ = try KeyRing.load(from: test.warden.configuration.keyRingPath).open(wrappedBytes, context: context)
        }
        // Everyone else's answers still open under the new key.
        _ = try await test.warden.people.person(seeded.bob, actor: .localOperator, purpose: .dataProtection)
    }

    /// An older copy restored and served: the server erases again, before its first request,
    /// everyone the ledger says was erased since the copy was taken.
    @Test(.enabled(if: TestEngine.current == .sqlite, "copies an SQLite file"))
    func aServerStartedOnAnOlderCopyErasesAgainFirst() async throws {
        let seeded = try await Self.seeded()
        let test = seeded.test
        let copyPath = test.directory.appendingPathComponent("restored.sqlite").path
        try test.sql("VACUUM INTO '\(copyPath)'")
        let done = try await Self.erase(seeded.ann, seeded)
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM person WHERE id = \(seeded.ann.rawValue)", on: copyPath) == ["1"])
        let server = try await ServerProcess(database: copyPath, keyRing: test.warden.configuration.keyRingPath,
                                             witness: test.directory.appendingPathComponent("restored.witness").path, in: test.directory)
        // It answered, so it reconciled first; killed, not stopped, so no cooperative thread waits on a graceful stop.
        server.kill()
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM person WHERE id = \(seeded.ann.rawValue)", on: copyPath) == ["0"])
        #expect(try TestEngine.sqlite.run("SELECT state FROM erasure WHERE id = \(done.outcome.erasure.id)", on: copyPath) == ["done"])
    }

    /// Two servers starting on one restored copy both reconcile; whichever comes second finds
    /// the erasure done and starts anyway.
    @Test(.enabled(if: TestEngine.current == .sqlite, "copies an SQLite file"))
    func twoServersReconcilingAtOnceBothStart() async throws {
        let seeded = try await Self.seeded()
        let test = seeded.test
        let copyPath = test.directory.appendingPathComponent("shared.sqlite").path
        try test.sql("VACUUM INTO '\(copyPath)'")
        _ = try await Self.erase(seeded.ann, seeded)
        var configuration = test.warden.configuration
        configuration.databasePath = copyPath
        let first = try await Warden.open(configuration)
        let second = try await Warden.open(configuration)
        async let one = first.erasures.reconcile(actor: .localOperator)
        async let two = second.erasures.reconcile(actor: .localOperator)
        let (a, b) = try await (one, two)
        let carriedOut: Int = a.reapplied.values.reduce(0, +) + b.reapplied.values.reduce(0, +)
        #expect(carriedOut == 1)
        #expect(try TestEngine.sqlite.run("SELECT COUNT(*) FROM erasure WHERE state = 'done'", on: copyPath) == ["1"])
        await first.close()
        await second.close()
    }

    /// Reconciling the ledger with the database is the operator's: a DPO's account is refused, on the record.
    @Test func onlyTheOperatorReconcilesTheLedger() async throws {
        let seeded = try await Self.seeded()
        await #expect(throws: WardenError.forbidden("reconciling the erasure ledger is the operator's")) {
            _ = try await seeded.test.warden.erasures.reconcile(actor: seeded.dpo)
        }
        let refused = try await seeded.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
        #expect(refused.contains { $0.outcome == .refused && $0.detail.hasPrefix("erasure ledger: reconcile") })
        #expect(try await seeded.test.warden.erasures.reconcile(actor: .localOperator).reapplied.isEmpty)
    }

    @Test func retiringAKeyStillInUseIsRefused() async throws {
        let seeded = try await Self.seeded()
        await #expect(throws: WardenError.conflict("key-encryption key 1 is the newest, which seals new values; rotate first")) {
            try await seeded.test.warden.keys.retire(version: 1, actor: .localOperator)
        }
        // A second key that a value still needs: rotation rewraps, then one value is put back under key 1 behind Warden's back.
        _ = try await seeded.test.warden.keys.rotate(actor: .localOperator)
        try seeded.test.sql("UPDATE person_key SET kek_version = 1 WHERE id = (SELECT MIN(id) FROM person_key)")
        await #expect(throws: WardenError.conflict("key-encryption key 1 still protects 1 value(s); run `warden keys rotate` first")) {
            try await seeded.test.warden.keys.retire(version: 1, actor: .localOperator)
        }
        await #expect(throws: WardenError.forbidden("retiring a key runs on the server, as its operator")) {
            try await seeded.test.warden.keys.retire(version: 1, actor: seeded.dpo)
        }
    }

    /// Appends in quick succession are each seen at once, however coarse the file clock.
    @Test func theLedgerSeesEveryAppendAtOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ledger = ErasureLedger(besideKeyRing: directory.appendingPathComponent("party.keyring").path)
        #expect(try ledger.entries().isEmpty)
        for n in 1...20 {
            try ledger.append([Erasure(id: ErasureID(Int64(n)), kind: .retention, reason: "r", suppress: false, people: [PersonID(rawValue: Int64(n))],
                                       requestedBy: "operator:test", requestedAt: .now, state: .done, decidedBy: "operator:test", decidedAt: .now)])
            #expect(try ledger.erasure(of: PersonID(rawValue: Int64(n))) == ErasureID(Int64(n)))
        }
        #expect(try ledger.entries().count == 20)
        #expect(ledger.path.hasSuffix("party.erasures"))
    }

    /// The ledger beside the key ring holds identifiers only, and a line that does not parse
    /// is an error naming its line.
    @Test func theLedgerHoldsNoPersonalDataAndRefusesDamage() async throws {
        let seeded = try await Self.seeded()
        let done = try await Self.erase(seeded.ann, seeded)
        let ledger = ErasureLedger(besideKeyRing: seeded.test.warden.configuration.keyRingPath)
        let text = try String(contentsOfFile: ledger.path, encoding: .utf8)
        #expect(!text.contains("Lee") && !text.contains("Art. 17 request") && text.contains("\"erasure\":\(done.outcome.erasure.id)"))
        let mode = try FileManager.default.attributesOfItem(atPath: ledger.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try ledger.erasure(of: seeded.ann) == done.outcome.erasure.id)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ledger.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not json\n".utf8))
        try handle.close()
        #expect(throws: WardenError.invalidRequest("\(ledger.path), line 2: not an erasure ledger entry")) { _ = try ledger.entries() }
    }
}
