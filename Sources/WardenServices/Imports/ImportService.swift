import Foundation
public import WardenCore
import WardenGate
import WardenImport
import WardenStore

/// Register, membership and payments imports: all or nothing per file, with every bad line reported,
/// each through the Gate, which decides whether the actor may import at all.
public struct ImportService: Sendable {
    let gate: Gate
    let log: any LogStore

    /// Imports a register file (EMS, Scottish, or any layout described by `mappingPath`).
    ///
    /// - Parameter progress: called with (rows so far, bytes read so far) during the import.
    /// - Throws: ``WardenError/importRejected(_:)`` listing every bad line; nothing is imported then.
    public func importRegister(
        path: String, mappingPath: String? = nil, dryRun: Bool = false, actor: Actor,
        progress: (_ rows: Int, _ bytes: Int) -> Void = { _, _ in }
    ) async throws -> ImportReport {
        let mapping = try mappingPath.map { (path: String) throws(WardenError) in try ColumnMapping.load(path: path) }
        let file = try ImportFile<RegisterEntry>.register(path: path, mapping: mapping)
        let options = ImportOptions(file: file.reader.fileName, layout: file.layoutName, dryRun: dryRun, actor: actor)
        let lines = Prefetch(file)
        let report = try await gate.importRegister(lines, options: options) { progress($0, lines.bytesRead) }
        return try await settle(report, options: options)
    }

    /// Imports register entries produced in memory (the demo's synthetic register).
    public func importRegister(
        entries: some Sequence<RegisterEntry>, name: String, actor: Actor
    ) async throws -> ImportReport {
        let options = ImportOptions(file: name, layout: "generated", dryRun: false, actor: actor)
        let lines = entries.enumerated().lazy.map { ImportLine(line: $0.offset + 2, result: .value($0.element)) }
        let report = try await gate.importRegister(lines, options: options) { _ in }
        return try await settle(report, options: options)
    }

    /// Imports a membership export, linking members to electors.
    public func importMembers(
        path: String, mappingPath: String? = nil, dryRun: Bool = false, actor: Actor,
        progress: (_ rows: Int, _ bytes: Int) -> Void = { _, _ in }
    ) async throws -> ImportReport {
        let mapping = try mappingPath.map { (path: String) throws(WardenError) in try ColumnMapping.load(path: path) }
        let file = try ImportFile<MembershipRecord>.members(path: path, mapping: mapping)
        let options = ImportOptions(file: file.reader.fileName, layout: file.layoutName, dryRun: dryRun, actor: actor,
                                    purpose: .membershipAdministration)
        let lines = Prefetch(file)
        let report = try await gate.importMembers(lines, options: options) { progress($0, lines.bytesRead) }
        return try await settle(report, options: options)
    }

    /// Imports a membership export uploaded as `bytes` (named `name`, with an optional mapping
    /// uploaded beside it), as ``importMembers(path:mappingPath:dryRun:actor:progress:)`` does.
    public func importMembers(bytes: [UInt8], name: String, mapping: [UInt8]? = nil, dryRun: Bool = false, actor: Actor) async throws -> ImportReport {
        let file = try ImportFile<MembershipRecord>.members(CSVReader(bytes: bytes, fileName: name), mapping: try Self.mapping(mapping))
        let options = ImportOptions(file: name, layout: file.layoutName, dryRun: dryRun, actor: actor, purpose: .membershipAdministration)
        let report = try await gate.importMembers(Prefetch(file), options: options) { _ in }
        return try await settle(report, options: options)
    }

    /// Imports membership records produced in memory (the demo).
    public func importMembers(records: some Sequence<MembershipRecord>, name: String, actor: Actor) async throws -> ImportReport {
        let options = ImportOptions(file: name, layout: "generated", dryRun: false, actor: actor, purpose: .membershipAdministration)
        let lines = records.enumerated().lazy.map { ImportLine(line: $0.offset + 2, result: .value($0.element)) }
        let report = try await gate.importMembers(lines, options: options) { _ in }
        return try await settle(report, options: options)
    }

    /// The fields of an application to join, by the membership export's column names.
    public static var applicationFields: [String] { MembershipApplication.fields }

    /// Records an application to join (``MembershipApplication``): a new member, linked to their
    /// elector when one matches (name and postcode), else a person at their own address.
    /// A membership number already in use is refused; nothing is written on any problem.
    public func join(_ values: [String: String], actor: Actor) async throws -> ImportReport {
        var options = ImportOptions(file: "application", layout: "application", dryRun: false, actor: actor, purpose: .membershipAdministration)
        options.onlyNewMembers = true
        let lines = [ImportLine(line: 1, result: try MembershipApplication.record(values))]
        let report = try await gate.importMembers(lines, options: options) { _ in }
        return try await settle(report, options: options)
    }

    /// Records a payments report (a Direct Debit or card processor's export) against members,
    /// then applies the party's dues rules on `today`: all or nothing, and a report imported
    /// twice pays once.
    public func importPayments(
        path: String, displayName: String? = nil, mappingPath: String? = nil, dryRun: Bool = false, today: CalendarDate = Timestamp.now.date,
        actor: Actor
    ) async throws -> ImportReport {
        let mapping = try mappingPath.map { (path: String) throws(WardenError) in try ColumnMapping.load(path: path) }
        // A report is named by its file's name alone: it is kept on each payment, and shown on members' records.
        let name = displayName ?? URL(fileURLWithPath: path).lastPathComponent
        return try await record(ImportFile<Payment>.payments(path: path, displayName: name, mapping: mapping), dryRun: dryRun, today: today, actor: actor)
    }

    /// Records a payments report uploaded as `bytes` (named `name`, with an optional mapping
    /// uploaded beside it), as ``importPayments(path:displayName:mappingPath:dryRun:today:actor:)`` does.
    public func importPayments(
        bytes: [UInt8], name: String, mapping: [UInt8]? = nil, dryRun: Bool = false, today: CalendarDate = Timestamp.now.date, actor: Actor
    ) async throws -> ImportReport {
        return try await record(ImportFile<Payment>.payments(CSVReader(bytes: bytes, fileName: name), mapping: try Self.mapping(mapping)), dryRun: dryRun,
                                today: today, actor: actor)
    }

    /// Records payments produced in memory (the demo), as a report named `name`.
    public func importPayments(payments: [Payment], name: String, today: CalendarDate = Timestamp.now.date, actor: Actor) async throws -> ImportReport {
        let options = ImportOptions(file: name, layout: "generated", dryRun: false, actor: actor, purpose: .membershipAdministration)
        let lines = payments.enumerated().map { ImportLine(line: $0.offset + 2, result: .value($0.element)) }
        return try await settle(try await gate.importPayments(lines, options: options, today: today), options: options)
    }

    /// Records a payments report read whole (reports are small), through the Gate.
    private func record(_ file: ImportFile<Payment>, dryRun: Bool, today: CalendarDate, actor: Actor) async throws -> ImportReport {
        let options = ImportOptions(file: file.reader.fileName, layout: file.layoutName, dryRun: dryRun, actor: actor,
                                    purpose: .membershipAdministration)
        let report = try await gate.importPayments(Array(file), options: options, today: today)
        return try await settle(report, options: options)
    }

    /// A column mapping uploaded beside a file, checked.
    private static func mapping(_ bytes: [UInt8]?) throws(WardenError) -> ColumnMapping? {
        try bytes.map { (bytes: [UInt8]) throws(WardenError) in try ColumnMapping.parse(Data(bytes), name: "the column mapping") }
    }

    /// A rejected import was rolled back with its audit entry; record the rejection on its own.
    private func settle(_ report: ImportReport, options: ImportOptions) async throws -> ImportReport {
        guard report.problems.isEmpty else {
            try await log.append(AuditEvent(
                actor: options.actor, action: .import, purpose: options.purpose, outcome: .failed,
                detail: "\(options.file): rejected, \(report.problems.count) problem(s), nothing imported"))
            throw WardenError.importRejected(report)
        }
        return report
    }
}
