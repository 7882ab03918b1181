import AgeEncryption
import Foundation
import Testing
import WardenCore
import WardenImport
import WardenServices
import WardenTestSupport

/// The rules around an export besides seed 003's: voting intentions leave only with the DPO's
/// explicit yes; a requester whose access ended gets nothing; bad recipients and empty
/// selections are refused by name; a file unfetched expires and its link says so.
@Suite("Export rules")
struct ExportRuleTests {
    struct Seeded {
        let test: TestWarden
        let organiser: Actor
        let dpo: Actor
        let north: AreaID
    }

    /// Ann Lee told a canvasser she votes Green.
    static func seeded() async throws -> Seeded {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.account("organiser", .organiser, areaCode: "W1")
        try await test.account("canvasser", .canvasser, areaCode: "AA")
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "C")
        let list = try await test.walkList(assignedTo: "canvasser")
        let ann = try #require(try await test.warden.people.search(PeopleQuery(text: "AA-1"), actor: .localOperator, purpose: .registerMaintenance).value.first?.id)
        _ = try await test.warden.canvass.record(CanvassResult(personID: ann, walkListID: list.id, outcome: .spoke, answers: SurveyAnswers(intention: "Green")),
                                                 actor: try await test.actor("canvasser"))
        let north = try #require(try await test.warden.areas.all().first { $0.code == "W1" }?.id)
        return Seeded(test: test, organiser: try await test.actor("organiser"), dpo: try await test.actor("dpo"), north: north)
    }

    static func knockUp(_ seeded: Seeded, email: String = "agent@example.org") -> ExportDraft {
        ExportDraft(purposeID: "polling_day_knock_up", recipient: ExportRecipient(name: "The agent", delivery: .link(email: email)),
                    selection: ExportSelection(areaID: seeded.north, population: .electors), fields: [.name, .address, .intention])
    }

    /// The file behind the link mailed to `email`, as rows.
    static func fetch(_ seeded: Seeded, email: String) async throws -> [[String]] {
        let mail = try seeded.test.sqlValues("SELECT body FROM outbox WHERE recipient = '\(email)'").joined(separator: "\n")
        let token = String(try #require(mail.components(separatedBy: "/exports/download/").last?.prefix { !$0.isWhitespace }))
        var bytes = Data()
        try await seeded.test.warden.exports.openLink(token).send { bytes.append($0) }
        let reader = CSVReader(bytes: Array(bytes), fileName: "export.csv")
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        return rows
    }

    @Test func intentionsLeaveWithTheOfficersExplicitYesAndOnlyThen() async throws {
        let seeded = try await Self.seeded()
        let exports = seeded.test.warden.exports
        let asked = try await exports.request(Self.knockUp(seeded), actor: seeded.organiser)
        #expect(asked.hasSpecialCategory)
        await #expect(throws: WardenError.self) {
            _ = try await exports.approve(asked.id, reason: "polling day", specialCategory: false, overBudget: false, actor: seeded.dpo)
        }
        #expect(try await exports.request(asked.id, actor: seeded.dpo).state == .requested)
        _ = try await exports.approve(asked.id, reason: "polling day knock-up by our agent", specialCategory: true, overBudget: false, actor: seeded.dpo)
        let rows = try await Self.fetch(seeded, email: "agent@example.org")
        #expect(rows.first == ["First names", "Surname", "Address", "Postcode", "Voting intention"])
        #expect(rows.contains { $0[0] == "Ann" && $0[1] == "Lee" && $0[4] == "Green" })
        #expect(rows.contains { $0[0] == "Bob" && $0[4] == "" })
        // The local operator asks too, but never for intentions (they read no special category
        // data), and never decides.
        await #expect(throws: WardenError.forbidden("fields: your grants do not let you read intention")) {
            _ = try await exports.request(Self.knockUp(seeded), actor: .localOperator)
        }
        let operatorAsked = try await exports.request(ExportDraft(
            purposeID: "leaflet_delivery", recipient: ExportRecipient(name: "Printer", delivery: .link(email: "print@example.org")),
            selection: ExportSelection(areaID: seeded.north, population: .electors), fields: [.name, .address]), actor: .localOperator)
        await #expect(throws: WardenError.forbidden("only the data protection officer, and never the requester, approves or refuses an export")) {
            _ = try await exports.approve(operatorAsked.id, reason: "mine", specialCategory: false, overBudget: false, actor: .localOperator)
        }
        _ = try await exports.approve(operatorAsked.id, reason: "leaflets", specialCategory: false, overBudget: false, actor: seeded.dpo)
        // The header, the three electors who are not anonymous, and the decoys.
        #expect(try await Self.fetch(seeded, email: "print@example.org").count == 1 + 3 + ExportMarks.decoyCount(for: 3))
    }

    @Test func aRequesterWhoseAccessEndedGetsNothingAndTheRefusalIsRecorded() async throws {
        let seeded = try await Self.seeded()
        let exports = seeded.test.warden.exports
        let asked = try await exports.request(Self.knockUp(seeded), actor: seeded.organiser)
        try await seeded.test.warden.accounts.revokeAccess(username: "organiser", actor: .localOperator)
        await #expect(throws: WardenError.forbidden("the requester's grants have ended since they asked; nothing was exported")) {
            _ = try await exports.approve(asked.id, reason: "polling day", specialCategory: true, overBudget: false, actor: seeded.dpo)
        }
        #expect(try await exports.request(asked.id, actor: seeded.dpo).state == .requested)
        #expect(try seeded.test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE outcome = 'refused' AND detail LIKE 'export \(asked.id) for %'") == ["1"])
        #expect(try seeded.test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient = 'agent@example.org'") == ["0"])
    }

    @Test func badRecipientsAndEmptySelectionsAreRefusedByName() async throws {
        let seeded = try await Self.seeded()
        let exports = seeded.test.warden.exports
        var draft = Self.knockUp(seeded)
        draft.recipient = ExportRecipient(name: "The agent", delivery: .ageKey("age1notakey"))
        await #expect(throws: WardenError.invalidRequest("recipient_key: not an age public key (age1…); ask the recipient to run age-keygen, or send a one-time link instead")) {
            _ = try await exports.request(draft, actor: seeded.organiser)
        }
        draft.recipient = ExportRecipient(name: "The agent", delivery: .link(email: "not an email"))
        await #expect(throws: WardenError.invalidRequest("recipient_email: not an email address")) { _ = try await exports.request(draft, actor: seeded.organiser) }
        draft.recipient = ExportRecipient(name: "  ", delivery: .link(email: "agent@example.org"))
        await #expect(throws: WardenError.self) { _ = try await exports.request(draft, actor: seeded.organiser) }
        draft = Self.knockUp(seeded)
        draft.selection.population = .members
        await #expect(throws: WardenError.invalidRequest("area, population: the selection holds nobody you may read")) {
            _ = try await exports.request(draft, actor: seeded.organiser)
        }
        // South ward is outside the organiser's grant: refused and recorded.
        draft = Self.knockUp(seeded)
        draft.selection.areaID = try #require(try await seeded.test.warden.areas.all().first { $0.code == "W2" }?.id)
        await #expect(throws: WardenError.forbidden("your grants do not cover that area; ask for people inside your own")) {
            _ = try await exports.request(draft, actor: seeded.organiser)
        }
        draft.purposeID = "selling_the_list"
        await #expect(throws: WardenError.self) { _ = try await exports.request(draft, actor: seeded.organiser) }
    }

    @Test func aFileUnfetchedExpiresAndItsLinkSaysSo() async throws {
        let seeded = try await Self.seeded()
        let exports = seeded.test.warden.exports
        let asked = try await exports.request(Self.knockUp(seeded), actor: seeded.organiser)
        _ = try await exports.approve(asked.id, reason: "polling day", specialCategory: true, overBudget: false, actor: seeded.dpo)
        try await exports.expireFiles(at: Timestamp.now.adding(seconds: 25 * 3_600))
        #expect(try await exports.request(asked.id, actor: seeded.dpo).state == .expired)
        #expect(try seeded.test.sqlValues("SELECT COUNT(*) FROM export_request WHERE file IS NOT NULL") == ["0"])
        await #expect(throws: WardenError.conflict("this link expired unused; ask the party for a new export")) {
            _ = try await Self.fetch(seeded, email: "agent@example.org")
        }
        // A key recipient's file goes at its expiry too, fetched or not.
        let key = X25519Identity()
        let keyed = try await exports.request(ExportDraft(
            purposeID: "leaflet_delivery", recipient: ExportRecipient(name: "The agent", delivery: .ageKey(key.recipient.description)),
            selection: ExportSelection(areaID: seeded.north, population: .electors), fields: [.name, .address]), actor: seeded.organiser)
        _ = try await exports.approve(keyed.id, reason: "leaflets", specialCategory: false, overBudget: false, actor: seeded.dpo)
        _ = try await exports.encryptedFile(keyed.id, actor: seeded.organiser)
        try await exports.expireFiles(at: Timestamp.now.adding(seconds: 25 * 3_600))
        #expect(try await exports.request(keyed.id, actor: seeded.dpo).state == .delivered)
        await #expect(throws: WardenError.conflict("export \(keyed.id): delivered; there is no file to fetch")) {
            _ = try await exports.encryptedFile(keyed.id, actor: seeded.organiser)
        }
    }

    /// The party sets its own purposes and decoys (the DPO, recorded); exports follow them.
    @Test func thePartysOwnPurposesAndDecoysAreUsed() async throws {
        let seeded = try await Self.seeded()
        let exports = seeded.test.warden.exports
        let settings = ExportSettings(
            purposes: [ExportPurpose(id: "surgery_invitations", title: "Invitations to the councillor's surgery", fields: [.name, .address])],
            decoys: DecoySettings(emailDomain: "traps.fellwick-party.org.uk", phoneFirst: "01632960000", phoneLast: "01632960999",
                                  postalAddresses: [Address(lines: ["PO Box 77", "Fellwick"], postcode: "FW1 7PO")]),
            fileHours: 2)
        let json = Array(try JSONEncoder().encode(settings))
        await #expect(throws: WardenError.forbidden("only the data protection officer sets the export purposes and decoys")) {
            try await exports.setSettings(json: json, actor: seeded.organiser)
        }
        var broken = settings
        broken.decoys.phoneLast = "0163"
        await #expect(throws: WardenError.invalidRequest("decoys.phone_first, decoys.phone_last: a range of UK numbers of one length, first ≤ last")) {
            try await exports.setSettings(json: Array(try JSONEncoder().encode(broken)), actor: seeded.dpo)
        }
        await #expect(throws: WardenError.self) { try await exports.setSettings(json: Array("{}".utf8), actor: seeded.dpo) }
        try await exports.setSettings(json: json, actor: seeded.dpo)
        #expect(try await exports.settings() == settings)
        await #expect(throws: WardenError.invalidRequest("purpose: not one of surgery_invitations")) {
            _ = try await exports.request(Self.knockUp(seeded), actor: seeded.organiser)
        }
        let asked = try await exports.request(ExportDraft(
            purposeID: "surgery_invitations", recipient: ExportRecipient(name: "Councillor's office", delivery: .link(email: "office@example.org")),
            selection: ExportSelection(areaID: seeded.north, population: .electors), fields: [.name, .address]), actor: seeded.organiser)
        let ready = try await exports.approve(asked.id, reason: "surgery on Saturday", specialCategory: false, overBudget: false, actor: seeded.dpo)
        let waits = try #require(ready.expires).secondsSince1970 - (try #require(ready.decision).at.secondsSince1970)
        // Two hours from when the file was made, which follows the decision by the approval's own
        // time: seconds, more on a loaded machine.
        #expect((7_200...7_260).contains(waits))
        let rows = try await Self.fetch(seeded, email: "office@example.org")
        #expect(rows.filter { $0[2].contains("PO Box 77") }.count == ExportMarks.decoyCount(for: 3))
    }

    /// A membership secretary reaches members, not electors: a mailing to members is theirs to
    /// ask for, the electors of the same ward are not.
    @Test func aMembershipSecretaryAsksForMembersOnly() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        try await test.loadRegister()
        try await test.loadMembers()
        try await test.account("secretary", .membershipSecretary, areaCode: "C")
        let secretary = try await test.actor("secretary")
        let north = try #require(try await test.warden.areas.all().first { $0.code == "W1" }?.id)
        var draft = ExportDraft(purposeID: "member_mailing", recipient: ExportRecipient(name: "Mailing house", delivery: .link(email: "mail@example.org")),
                                selection: ExportSelection(areaID: north, population: .members), fields: [.name, .address, .email, .membershipNumber])
        #expect(try await test.warden.exports.request(draft, actor: secretary).count == 1)
        draft.selection.population = .electors
        await #expect(throws: WardenError.forbidden("your grants do not cover that area; ask for people inside your own")) {
            _ = try await test.warden.exports.request(draft, actor: secretary)
        }
    }
}
