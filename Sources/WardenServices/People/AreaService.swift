public import WardenCore
import WardenImport
import WardenStore

/// The area hierarchy: importing it and describing places. Areas and their counts are not
/// personal data.
public struct AreaService: Sendable {
    let store: any AreaStore

    public func all() async throws -> [Area] {
        try await store.allAreas()
    }

    /// Every area by its identifier: how the pure policy looks up where a grant's area sits.
    public func byID() async throws -> [AreaID: Area] {
        Dictionary(uniqueKeysWithValues: try await all().map { ($0.id, $0) })
    }

    /// The id of the area with `code` (`nil` for no code); throws when there is none.
    public func id(code: String?) async throws -> AreaID? {
        guard let code else { return nil }
        guard let area = try await all().first(where: { $0.code == code }) else { throw WardenError.notFound("no area with code \(code)") }
        return area.id
    }

    /// An area with its ancestors, children and aggregate counts.
    public func summary(_ id: AreaID) async throws -> AreaSummary {
        guard let summary = try await store.areaSummary(id) else { throw WardenError.notFound("no such area") }
        return summary
    }

    /// Loads an areas file (`level,code,name,parent`); all or nothing.
    public func importAreas(path: String, actor: Actor) async throws -> Int {
        let file = try ImportFile<AreaDefinition>.areas(path: path)
        var definitions: [AreaDefinition] = []
        var problems: [ImportProblem] = []
        for line in file {
            switch line.result {
            case .value(let definition): definitions.append(definition)
            case .problems(let found): problems += found
            }
        }
        guard problems.isEmpty else {
            var report = ImportReport(file: file.reader.fileName, layout: "areas")
            report.problems = problems
            throw WardenError.importRejected(report)
        }
        return try await store.saveAreas(definitions, audit: AuditEvent(
            actor: actor, action: .areasImported, purpose: .registerMaintenance, detail: "areas \(file.reader.fileName): \(definitions.count)"))
    }

    /// Saves areas given as values (the demo's synthetic constituency).
    public func save(_ definitions: [AreaDefinition], actor: Actor) async throws -> Int {
        try await store.saveAreas(definitions, audit: AuditEvent(
            actor: actor, action: .areasImported, purpose: .registerMaintenance, detail: "areas: \(definitions.count)"))
    }
}
