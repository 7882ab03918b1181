public import WardenCore
import WardenGate
import WardenStore

/// A printed walk sheet as the page shows it: its rows with the sheet's format choices, and
/// its decoys among the residents.
public struct MarkedSheet: Sendable {
    /// The export that records the sheet, which a trace names.
    public var export: ExportID
    public var stops: [Stop]

    public struct Stop: Sendable {
        public var position: Int
        public var address: String
        public var people: [Row]
    }

    public struct Row: Sendable {
        public var name: String
        public var elector: String
    }
}

extension ExportService {
    /// What a printed sheet carries, by the same rules as an export's file.
    public static let walkSheet = ExportPurpose(id: "walk_sheet", title: "Printed walk sheet", fields: [.name, .address, .electorNumber])

    /// Makes a printed walk sheet traceable, as an export is: recorded as an export on paper
    /// to the canvasser who printed it, with decoys (plausible names with elector numbers of
    /// their own, at keyed doors) and keyed format choices on each address, whose tokens and
    /// decoys `trace` finds in a photographed or retyped copy. Printing itself is the
    /// organiser's, already decided and recorded (``CanvassService/printSheet(_:actor:)``).
    public func markSheet(_ sheet: WalkSheet, doors: DoorstepList, actor: Actor) async throws -> MarkedSheet {
        let people = doors.people
        var record = ExportRequest(
            id: ExportID(0), requestedBy: actor.label, requesterID: actor.accountID, requestedAt: sheet.printedAt, purpose: Self.walkSheet,
            recipient: ExportRecipient(name: "walk sheet \(sheet.serial), printed by \(sheet.printedBy)", delivery: .paper),
            selection: ExportSelection(areaID: doors.list.pollingDistrictID, population: .electors),
            selectionWords: "electors on walk list \(doors.list.id) (\(doors.list.name))", fields: Self.walkSheet.fields, count: people,
            reading: .campaignPlanning)
        record.sheet = sheet.serial
        record.state = .delivered
        record = try await store.createExport(record, audit: AuditEvent(actor: actor, action: .export, purpose: .campaignPlanning,
                                                                        detail: "walk sheet \(sheet.serial): \(people) people on paper"))
        let marks = ExportMarks(key: try keys.current.exportMarkingKey, serial: record.id)
        let layout = ExportLayout(marks: marks, fields: Self.walkSheet.fields)
        let settings = try await settings()
        var taken = try await store.decoyKeys()
        let numbers = Set(doors.stops.flatMap { $0.residents.compactMap(\.person.electorNumber) })
        var decoysAt: [Int: [(decoy: ExportDecoy, elector: String)]] = [:]
        for index in 0..<(doors.stops.isEmpty ? 0 : ExportMarks.decoyCount(for: people)) {
            let decoy = ExportDecoy.make(index, marks: marks, settings: settings.decoys, taken: taken)
            let stop = Int(marks.draw(decoy: index, "stop", attempt: 0) % UInt64(doors.stops.count))
            let neighbour = doors.stops[stop].residents.first?.person.electorNumber ?? "\(doors.list.pollingDistrictID)-1"
            var suffix = Int(marks.draw(decoy: index, "suffix", attempt: 0) % 7) + 3
            var elector = "\(neighbour.split(separator: "/").first ?? "")/\(suffix)"
            while numbers.contains(elector) || taken.contains(ExportDecoy.electorKey(elector)) {
                suffix += 1
                elector = "\(neighbour.split(separator: "/").first ?? "")/\(suffix)"
            }
            taken.formUnion([decoy.nameKey, ExportDecoy.electorKey(elector)])
            decoysAt[stop, default: []].append((decoy, elector))
        }
        var row = 0
        var tokens: [(row: Int, token: Int64)] = []
        var stops: [MarkedSheet.Stop] = []
        for (index, stop) in doors.stops.enumerated() {
            let values = stop.residents.map {
                ExportValues(personID: $0.person.id, forenames: $0.person.forenames, surname: $0.person.surname, address: stop.household.address,
                             electorNumber: $0.person.electorNumber)
            }
            let cells = layout.cells(values.first ?? ExportValues(personID: nil, address: stop.household.address))
            var printed: [MarkedSheet.Row] = []
            for (resident, value) in zip(stop.residents, values) {
                tokens += layout.tokens(value).map { (row: row, token: $0.token) }
                printed.append(MarkedSheet.Row(name: [resident.person.title, resident.person.displayName].compactMap { $0 }.joined(separator: " "),
                                               elector: resident.person.electorNumber ?? ""))
                row += 1
            }
            for (decoy, elector) in decoysAt[index] ?? [] {
                printed.insert(MarkedSheet.Row(name: "\(decoy.forenames) \(decoy.surname)", elector: elector),
                               at: Int(marks.draw(decoy: index, "place", attempt: 0) % UInt64(printed.count + 1)))
                row += 1
            }
            // The address cell and the postcode cell of an export, on one line as a sheet has it.
            stops.append(MarkedSheet.Stop(position: stop.position, address: [cells[2], cells[3]].filter { !$0.isEmpty }.joined(separator: " "), people: printed))
        }
        let decoyKeys = decoysAt.values.flatMap { $0 }.flatMap { [$0.decoy.nameKey, ExportDecoy.electorKey($0.elector)] }
        var marked = record
        marked.decoys = decoyKeys.count / 2
        _ = try await store.moveExport(marked, from: .delivered, audit: AuditEvent(
            actor: actor, action: .export, purpose: .campaignPlanning, detail: "walk sheet \(sheet.serial): \(marked.decoys) decoys, marks kept"),
            made: MadeExport(file: nil, marks: tokens, decoyKeys: decoyKeys, linkHash: nil, mail: nil), dropFile: false)
        return MarkedSheet(export: record.id, stops: stops)
    }
}
