import Foundation
public import WardenCore
import WardenImport
import WardenGate
import WardenStore

extension ExportService {
    /// The rows a trace reads at most: a leaked spreadsheet is a few thousand rows, and the
    /// bound keeps a hostile file from holding the server.
    public static let traceRowLimit = 200_000

    /// Names the export a leaked CSV file came from (the DPO's, or the operator's on the
    /// server): from its decoys if any remain, otherwise from its values' marks. Recorded.
    public func trace(_ bytes: [UInt8], fileName: String, actor: Actor) async throws -> ExportTrace.Report {
        try await gate.requireDataProtectionOfficer(actor, detail: "export trace", "only the data protection officer traces a leaked file")
        let reader = CSVReader(bytes: bytes, fileName: fileName)
        var rows: [[String]] = []
        do {
            while let record = try reader.next() {
                guard rows.count < Self.traceRowLimit else { throw WardenError.invalidRequest("\(fileName): more than \(Self.traceRowLimit) rows") }
                rows.append(record.fields)
            }
        } catch let error as CSVError {
            throw WardenError.invalidRequest(error.description)
        }
        guard !rows.isEmpty else { throw WardenError.invalidRequest("\(fileName): empty; send the leaked file's CSV") }
        let key = try keys.current.exportMarkingKey
        let (observations, rowKeys) = ExportTrace.observations(in: rows, key: key)
        let decoyExports = try await store.decoyExports(keys: Set(rowKeys.values.flatMap { $0 }))
        var decoys: [Int: [ExportID]] = [:]
        for (row, keys) in rowKeys {
            let found = keys.compactMap { decoyExports[$0] }
            if !found.isEmpty { decoys[row] = found }
        }
        let hits = try await store.exportHits(tokens: Set(observations.map(\.token)))
        let report = ExportTrace.assess(rows: rows.count, observations: observations, hits: hits, decoys: decoys) {
            ExportMarks(key: key, serial: $0)
        }
        try await store.append(AuditEvent(actor: actor, action: .export, purpose: .dataProtection,
                                          detail: "trace of a file of \(rows.count) rows: " + (report.source.map { "export \($0), by \(report.basis ?? "")" } ?? "no export named")))
        return report
    }
}
