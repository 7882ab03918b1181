import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden import register|members|areas FILE`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an electoral register, a membership export, a payments report or the area hierarchy.",
            subcommands: [Register.self, Members.self, Payments.self, Areas.self])
    }
}

/// What the file imports share: the file, a mapping, a dry run, JSON output.
struct ImportFileOptions: ParsableArguments {
    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: ArgumentHelp("A JSON column-mapping file for layouts Warden does not recognise.", valueName: "path"))
    var mapping: String?

    @Flag(help: "Report what would change, and change nothing.")
    var dryRun = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    var fileSize: Int {
        ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
    }

    /// Opens the store, runs `body` with a progress bar sized to the file, and prints its report.
    func run(_ store: StoreOptions, _ body: (Warden, (_ rows: Int, _ bytes: Int) -> Void) async throws -> ImportReport) async throws {
        let warden = try await openWarden(store.configuration())
        let total = fileSize
        let report = try await reportingErrors { try await body(warden) { rows, bytes in Terminal.progress(rows: rows, bytes: bytes, total: total) } }
        try printReport(report, json: json)
    }
}

extension WardenCommand.Import {
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a council's electoral register (EMS or Scottish layout, or any layout with --mapping).",
            discussion: """
                All or nothing: a file with any bad line imports nothing and every bad line is listed as FILE:LINE: field: problem. \
                Re-importing next year's register matches electors to the people already held (name with date of birth \
                and/or address), so their history survives renumbering; electors missing from the new file leave the register.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: ImportFileOptions

        func run() async throws {
            try await options.run(store) { warden, progress in
                try await warden.imports.importRegister(
                    path: options.file, mappingPath: options.mapping, dryRun: options.dryRun, actor: .localOperator, progress: progress)
            }
        }
    }

    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a membership export, linking members to electors.",
            discussion: "Columns are found by their headers (Membership Number, First Name, Surname, Email, Status …); --mapping names others.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: ImportFileOptions

        func run() async throws {
            try await options.run(store) { warden, progress in
                try await warden.imports.importMembers(
                    path: options.file, mappingPath: options.mapping, dryRun: options.dryRun, actor: .localOperator, progress: progress)
            }
        }
    }

    struct Payments: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a payments report (a Direct Debit or card export) and apply the party's dues rules.",
            discussion: """
                Columns are found by their headers (Membership Number, Date, Amount, Transaction ID, and Status when present: \
                paid or collected, failed, unpaid or returned); --mapping names others (membershipNumber, paidOn, amount, \
                reference, outcome). All or nothing: a line naming no member imports nothing. A transaction already recorded \
                is counted once however often its report is imported. A collected payment covers one month or year of dues \
                from its date, or from the end of what was already paid; then the dues rules move members \
                (see `warden member dues-rules`).
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: ImportFileOptions
        @Option(help: ArgumentHelp("The day the dues rules are applied for (default today).", valueName: "date")) var on: CalendarDate?

        func run() async throws {
            try await options.run(store) { warden, progress in
                let report = try await warden.imports.importPayments(
                    path: options.file, mappingPath: options.mapping, dryRun: options.dryRun, today: on ?? Timestamp.now.date,
                    actor: .localOperator)
                progress(report.rows, options.fileSize)
                return report
            }
        }
    }

    struct Areas: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the area hierarchy from a CSV with columns level, code, name, parent.",
            discussion: "level is nation, region, constituency, ward or polling_district; parent is the parent area's code.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The CSV file.")
        var file: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            let created = try await reportingErrors { try await warden.areas.importAreas(path: file, actor: .localOperator) }
            Terminal.say("\(file): \(created) new area(s)")
        }
    }
}


func printReport(_ report: ImportReport, json: Bool) throws {
    if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        Terminal.say(String(decoding: try encoder.encode(report), as: UTF8.self))
        return
    }
    var lines = ["\(report.file) (\(report.layout)): \(report.rows) rows\(report.dryRun ? " — dry run, nothing changed" : "")",
                 "  added \(report.added), changed \(report.changed), unchanged \(report.unchanged), removed \(report.removed)"
                 + (report.suppressed > 0 ? ", passed over \(report.suppressed) (erased, not to be contacted)" : "")]
    if report.linked > 0 { lines.append("  linked to electors: \(report.linked)") }
    if report.households > 0 { lines.append("  new households: \(report.households)") }
    for (kind, count) in report.changes.sorted(by: { $0.key < $1.key }) { lines.append("  \(kind): \(count)") }
    Terminal.say(lines.joined(separator: "\n"))
}
