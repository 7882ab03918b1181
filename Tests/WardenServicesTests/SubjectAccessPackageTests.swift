import Crypto
import Foundation
import Testing
import TransparencyLog
import WardenCore
import WardenGate
import WardenServices
import WardenStore
import WardenTestSupport

@Suite("Subject access packages")
struct SubjectAccessPackageTests {
    /// Ann Lee with data in every table that can name a person: register entry, membership and
    /// its history, contact points and a changed email (with its notices), a doorstep answer,
    /// a walk list with a printed sheet, an account with a sign-in and an alert, and this case.
    /// Bob Lee lives with her and is given her email, to show his data stays out.
    struct Seeded {
        let test: TestWarden
        let dpo: Actor
        let ann: PersonID
        let bob: PersonID
        let caseID: SubjectAccessCaseID
    }

    static func seeded() async throws -> Seeded {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        for (name, role, area) in [("dpo", Role.dataProtectionOfficer, "C"), ("secretary", .membershipSecretary, "C"), ("canvasser", .canvasser, "AA"),
                                   ("organiser", .organiser, "W1")] {
            try await test.account(name, role, areaCode: area)
        }
        try await test.account("ann", .member, membershipNumber: "M1")
        let dpo = try await test.actor("dpo")
        let ann = try #require(try await test.warden.people.search(PeopleQuery(text: "M1"), actor: .localOperator, purpose: .membershipAdministration).value.first?.id)
        let bob = try #require(try await test.warden.people.search(PeopleQuery(text: "AA-2"), actor: .localOperator, purpose: .registerMaintenance).value.first?.id)

        let list = try await test.walkList(assignedTo: "canvasser")
        _ = try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .spoke,
                                                               answers: SurveyAnswers(intention: "Green", notes: "Wants a crossing by the school")),
                                                 actor: try await test.actor("canvasser"))
        _ = try await test.warden.canvass.printSheet(list.id, actor: .localOperator)
        let organiser = try await test.actor("organiser")
        _ = try await test.warden.people.changeContacts(of: ann, edits: [try ContactEdit(kind: .email, text: "ann.lee@example.net")],
                                                        reason: "she asked at the door", actor: organiser, purpose: .campaignPlanning)
        _ = try await test.warden.people.changeContacts(of: bob, edits: [try ContactEdit(kind: .email, text: "ann.lee@example.net")],
                                                        reason: "shared family address", actor: organiser, purpose: .campaignPlanning)
        _ = try await test.warden.people.changeMembership(of: ann, event: .paymentMissed, reason: "direct debit failed",
                                                          actor: try await test.actor("secretary"))
        _ = try await test.signIn("ann")

        let service = test.warden.subjectAccess
        let opened = try await service.open(requester: "Ann Lee", channel: .email, receivedOn: Timestamp.now.date, actor: dpo)
        _ = try await service.candidates(for: opened.id, PeopleQuery(text: "Lee", alsoMatching: .email("ann.lee@example.net")), actor: dpo)
        for step: SubjectAccessLifecycle.Step in [.verifyIdentity(method: "replied from the email on record"), .confirmSubjects([ann]), .prepare] {
            _ = try await service.move(opened.id, step, actor: dpo)
        }
        return Seeded(test: test, dpo: dpo, ann: ann, bob: bob, caseID: opened.id)
    }

    @Test func thePackageHoldsEveryFactAndNothingOfAnyoneElse() async throws {
        let seeded = try await Self.seeded()
        _ = try await seeded.test.warden.imports.importPayments(
            path: try seeded.test.write("dd.csv", "Membership Number,Date,Amount,Transaction ID,Status\nM1,2026-01-05,4.50,T-1,Returned\n"),
            actor: .localOperator)
        let archive = try await seeded.test.warden.subjectAccess.package(seeded.caseID, actor: seeded.dpo)
        let record = try #require(archive.package.records.first)
        #expect(archive.package.records.count == 1 && record.personID == seeded.ann)
        #expect(record.forenames == "Ann" && record.surname == "Lee")
        #expect(record.household?.postcode == "TN1 1AA" && record.household?.address.first == "1 Mill Lane")
        #expect(record.registerEntries.map(\.electorNumber) == ["AA-1"])
        #expect(record.registerEntries.first?.edition == "register.csv")
        #expect(record.membership?.number == "M1" && record.membership?.status == "in_arrears")
        #expect(record.membership?.payments.map(\.outcome) == [.failed] && record.membership?.payments.first?.report == "dd.csv")
        #expect(Set(record.contactPoints.map(\.value)).isSuperset(of: ["ann.lee@example.net", "07700900001"]))
        #expect(record.contactPoints.allSatisfy { !$0.source.isEmpty })
        #expect(record.canvassContacts.first?.answers?.intention == "Green")
        #expect(record.canvassContacts.first?.answers?.notes == "Wants a crossing by the school")
        #expect(record.canvassContacts.first?.by == "Canvasser")
        #expect(record.versions.contains { $0.fields.contains("email") && $0.by == "Organiser" && $0.reason == "she asked at the door" })
        #expect(record.versions.contains { $0.fields.contains("membership_status") && $0.by == "Membership secretary" })
        // The status history says who moved the membership (by role) and why.
        #expect(record.membership?.history.map(\.status) == ["in_arrears"])
        #expect(record.membership?.history.first?.by == "Membership secretary" && record.membership?.history.first?.reason == "direct debit failed")
        #expect(!record.notices.isEmpty)
        #expect(record.walkLists.first?.sheets.count == 1)
        #expect(record.accounts.map(\.username) == ["ann"])
        #expect(record.accounts.first?.signIns.isEmpty == false)
        #expect(record.subjectAccessCases.map(\.caseID) == [seeded.caseID])
        #expect(archive.package.processing == .ukPartyDefault)

        // Bob shares Ann's address and her email: nothing of his is in her package.
        for file in archive.files {
            let text = String(decoding: file.contents, as: UTF8.self)
            // Quoted or beside his surname, so a base64 signature in the checkpoint cannot match by chance.
            #expect(!text.contains(#""Bob""#) && !text.contains("Bob Lee"), "\(file.name) names Bob")
            #expect(!text.contains("\"personID\" : \(seeded.bob.rawValue)"), "\(file.name) holds Bob's record")
        }
        let html = String(decoding: try #require(archive.files.first { $0.name == SubjectAccessArchive.document }).contents, as: UTF8.self)
        #expect(html.contains("Wants a crossing by the school"))
        #expect(html.contains("Who consulted your record"))
        #expect(html.contains("Information Commissioner"))
    }

    /// Who consulted the record is the log's list of entries naming the person, exactly.
    @Test func theConsultationsAreTheLogsEntriesNamingThePerson() async throws {
        let seeded = try await Self.seeded()
        let archive = try await seeded.test.warden.subjectAccess.package(seeded.caseID, actor: seeded.dpo)
        let history = try await seeded.test.warden.investigations.history(of: seeded.ann, proofs: false, actor: .localOperator)
        // The history also lists the package's own entry, made after the package read the log.
        let logged = history.accesses.dropLast().map { "\($0.entryIndex) \($0.at) \($0.action.rawValue) \($0.outcome.rawValue)" }
        let listed = archive.package.consultations.map { "\($0.entryIndex ?? -1) \($0.at) \($0.action) \($0.outcome)" }
        #expect(listed == Array(logged))
        #expect(history.accesses.last?.action == .read && history.accesses.last?.purpose == .subjectAccess)
        let roles = Set(archive.package.consultations.map(\.role))
        #expect(roles.isSuperset(of: ["Canvasser", "Organiser", "Membership secretary", "Data protection officer", "The party's server operator"]))
        #expect(archive.package.consultations.allSatisfy { $0.reader == nil })  // readers are not named unless the party chooses
        #expect(archive.package.consultations.contains { $0.purpose == "subject_access" && $0.action == "search" })
    }

    /// The party may choose to name readers: then each consultation, change and doorstep
    /// contact says who, as well as in which role. Only the DPO makes the choice.
    @Test func readersAreNamedOnlyWhenThePartyChooses() async throws {
        let seeded = try await Self.seeded()
        let service = seeded.test.warden.subjectAccess
        #expect(try await !service.namesReaders())
        try await seeded.test.account("campaign", .campaignManager, areaCode: "C")
        let campaign = try await seeded.test.actor("campaign")
        await #expect(throws: WardenError.forbidden("only the data protection officer handles subject access requests")) {
            try await service.setNamesReaders(true, actor: campaign)
        }
        try await service.setNamesReaders(true, actor: seeded.dpo)
        let archive = try await service.package(seeded.caseID, actor: seeded.dpo)
        #expect(archive.package.consultations.contains { $0.reader == "organiser" && $0.role == "Organiser" })
        #expect(archive.package.consultations.allSatisfy { $0.reader != nil || $0.role == "The party's server operator" })
        let record = try #require(archive.package.records.first)
        #expect(record.versions.contains { $0.by == "Organiser (organiser)" })
        #expect(record.canvassContacts.first?.by == "Canvasser (canvasser)")
        #expect(record.sources.contains { $0.hasPrefix("the electoral register (register.csv, imported ") })
        #expect(record.sources.contains("your email (entered by the party's staff)"))
    }

    /// The party's own processing register replaces the default in every package once the DPO
    /// sets it; a file that is not one, or misses what a requester must be told, changes nothing.
    @Test func theDataProtectionOfficerSetsTheProcessingRegister() async throws {
        let seeded = try await Self.seeded()
        let service = seeded.test.warden.subjectAccess
        var register = ProcessingRegister.ukPartyDefault
        register.controller = "Fellwick Labour Party, 1 Mill Lane, Town TN1 1AA"
        let json = Array(try JSONEncoder().encode(register))
        try await seeded.test.account("campaign", .campaignManager, areaCode: "C")
        let campaign = try await seeded.test.actor("campaign")
        await #expect(throws: WardenError.forbidden("only the data protection officer handles subject access requests")) {
            try await service.setRegister(json: json, actor: campaign)
        }
        await #expect(throws: WardenError.invalidRequest("register: not a processing register (print the current one with --json to start from it)")) {
            try await service.setRegister(json: Array("{\"controller\": 1}".utf8), actor: seeded.dpo)
        }
        var empty = register
        empty.controller = " "
        await #expect(throws: WardenError.invalidRequest("controller: name the party")) {
            try await service.setRegister(json: Array(try JSONEncoder().encode(empty)), actor: seeded.dpo)
        }
        #expect(try await service.register() == .ukPartyDefault)

        try await service.setRegister(json: json, actor: seeded.dpo)
        #expect(try await service.register() == register)
        let archive = try await service.package(seeded.caseID, actor: seeded.dpo)
        #expect(archive.package.processing.controller == "Fellwick Labour Party, 1 Mill Lane, Town TN1 1AA")
        #expect(register.recordOfProcessing.contains("Controller: Fellwick Labour Party"))
    }

    @Test func theArchiveVerifiesWithStandardToolsAndItsCheckpointCoversTheRequest() async throws {
        let seeded = try await Self.seeded()
        let archive = try await seeded.test.warden.subjectAccess.package(seeded.caseID, actor: seeded.dpo)
        #expect(archive.mismatches().isEmpty)
        var tampered = archive
        tampered.files[1].contents[10] ^= 1
        #expect(tampered.mismatches() == [SubjectAccessArchive.data])

        let directory = seeded.test.directory.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tar = directory.appendingPathComponent("package.tar")
        try Data(archive.tar).write(to: tar)
        #expect(try await Self.run("/usr/bin/tar", ["-xf", tar.path, "-C", directory.path]) == 0)
        #expect(try await Self.run("/usr/bin/sha256sum", ["--quiet", "-c", SubjectAccessArchive.manifest], in: directory) == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["MANIFEST.sha256", "log-checkpoint.txt", "log-proofs.json", "package.tar", "subject-access.html", "subject-access.json"])

        let note = String(decoding: try #require(archive.files.first { $0.name == SubjectAccessArchive.checkpoint }).contents, as: UTF8.self)
        let latest = try #require(try await seeded.test.warden.log.latestNote())
        #expect(note == latest)
        let size = try #require(Int64(note.split(separator: "\n")[1]))
        let indexes = archive.package.consultations.compactMap(\.entryIndex)
        #expect(indexes.count == archive.package.consultations.count)
        #expect(indexes.allSatisfy { $0 < size })
        let proofs = try JSONDecoder().decode([InclusionProof].self, from: Data(try #require(archive.files.first { $0.name == SubjectAccessArchive.proofs }).contents))
        #expect(proofs.count == archive.package.consultations.filter { $0.purpose == "subject_access" }.count)
        #expect(proofs.allSatisfy { $0.treeSize == size })

        // The checkpoint is signed by the log's key, and each proof puts its entry in that tree.
        let origin = try await seeded.test.warden.log.origin().rawValue
        let body = try SignedNote.parse(note).verified(publicKey: seeded.test.warden.keyRing.signingKey.publicKey, keyName: origin)
        let checkpoint = try Checkpoint(body: body)
        #expect(checkpoint.size == UInt64(size))
        for proof in proofs {
            let entry = try await seeded.test.warden.log.entry(index: UInt64(proof.leafIndex), actor: .localOperator)
            let hashes = try proof.hashes.map { try #require(Hex.decode($0)) }
            #expect(MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash(entry), index: UInt64(proof.leafIndex), size: checkpoint.size,
                                               proof: hashes, root: checkpoint.rootHash))
            #expect(!MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash(entry + [0]), index: UInt64(proof.leafIndex), size: checkpoint.size,
                                                proof: hashes, root: checkpoint.rootHash))
        }
    }

    @Test func onlyTheOfficerTakesAPackageAndOnlyOnceTheCaseIsPrepared() async throws {
        let seeded = try await Self.seeded()
        let service = seeded.test.warden.subjectAccess
        try await seeded.test.account("campaign", .campaignManager, areaCode: "C")
        let campaign = try await seeded.test.actor("campaign")
        await #expect(throws: WardenError.forbidden("only the data protection officer handles subject access requests")) {
            _ = try await service.package(seeded.caseID, actor: campaign)
        }
        let fresh = try await service.open(requester: "Cat Ray", channel: .post, receivedOn: Timestamp.now.date, actor: seeded.dpo)
        await #expect(throws: WardenError.conflict("case \(fresh.id) is received: a package is made in preparation, after the identity check and the records are confirmed")) {
            _ = try await service.package(fresh.id, actor: seeded.dpo)
        }
        await #expect(throws: WardenError.notFound("no subject access case 999")) {
            _ = try await service.package(SubjectAccessCaseID(999), actor: seeded.dpo)
        }
    }

    /// Every table with a person column is either read by the package or left out for a stated
    /// reason: a new table that names people fails here until the package covers it.
    @Test func everyTableNamingAPersonIsCovered() async throws {
        let test = try await TestWarden.make()
        let query = switch test.warden.configuration.testEngine {
        case .sqlite: "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'person_id' ORDER BY 1"
        case .postgres: "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'person_id' ORDER BY 1"
        }
        let tables = try test.sqlValues(query)
        #expect(tables.count >= 10)
        let covered = SubjectAccessCoverage.included.union(SubjectAccessCoverage.excluded.keys)
        for table in tables {
            #expect(covered.contains(table), "\(table) names a person, and the subject access package neither reads it nor says why not")
        }
        #expect(SubjectAccessCoverage.included.isDisjoint(with: SubjectAccessCoverage.excluded.keys))
    }

    /// The package sealed to the requester's passphrase opens with Debian's `age -d` (which
    /// reads a passphrase only from a terminal: `script` gives it one), and what comes out
    /// checks against its manifest.
    @Test func aSealedPackageOpensWithAgeAndNothingElse() async throws {
        let seeded = try await Self.seeded()
        let archive = try await seeded.test.warden.subjectAccess.package(seeded.caseID, actor: seeded.dpo)
        #expect(throws: WardenError.invalidRequest("passphrase: at least 12 characters, chosen by the requester")) {
            _ = try archive.sealed(passphrase: "short")
        }
        let passphrase = "heron kettle autumn 42"
        let sealed = try archive.sealed(passphrase: passphrase)
        #expect(String(decoding: sealed.prefix(21), as: UTF8.self) == "age-encryption.org/v1")
        // Long, distinctive strings: three letters turn up in random ciphertext about once a hundred runs.
        #expect(sealed.firstRange(of: Array("Wants a crossing by the school".utf8)) == nil)
        #expect(sealed.firstRange(of: Array("ann.lee@example.net".utf8)) == nil)

        let directory = seeded.test.directory.appendingPathComponent("sealed")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("package.tar.age").path
        try PrivateFile.create(path, bytes: sealed)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect(throws: WardenError.self) { try PrivateFile.create(path, bytes: []) }
        let command = "/usr/bin/age -d -o package.tar package.tar.age"
        #expect(try await Self.run("/usr/bin/timeout", ["120", "/usr/bin/script", "-qec", command, "/dev/null"], in: directory,
                             input: "wrong passphrase\n") != 0)
        #expect(try await Self.run("/usr/bin/timeout", ["120", "/usr/bin/script", "-qec", command, "/dev/null"], in: directory,
                             input: passphrase + "\n") == 0)
        #expect(try Data(contentsOf: directory.appendingPathComponent("package.tar")) == Data(archive.tar))
        #expect(try await Self.run("/usr/bin/tar", ["-xf", "package.tar"], in: directory) == 0)
        #expect(try await Self.run("/usr/bin/sha256sum", ["--quiet", "-c", SubjectAccessArchive.manifest], in: directory) == 0)
    }

    /// Runs `tool` and waits for it on a thread of its own: a wait on Swift's shared pool (two
    /// threads here) would stall every other test's tasks for as long as `age` runs scrypt, and
    /// one on Dispatch's global queues can take a worker the rest of the process needs.
    static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil, input: String? = nil) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try runWaiting(tool, arguments, in: directory, input: input) })
            }.start()
        }
    }

    private static func runWaiting(_ tool: String, _ arguments: [String], in directory: URL?, input: String?) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        if input != nil { process.standardInput = pipe }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        if let input {
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
