public import WardenCore

/// Areas, and aggregate counts of the people in them: no one's data.
public protocol AreaStore: Sendable {
    /// Creates or renames areas from definitions (parents first); returns how many were new.
    func saveAreas(_ definitions: [AreaDefinition], audit: AuditEvent) async throws -> Int
    func allAreas() async throws -> [Area]
    /// The area, its place in the hierarchy and aggregate counts.
    func areaSummary(_ id: AreaID) async throws -> AreaSummary?
    /// How many people, electors and members there are: aggregates only.
    func counts() async throws -> StoreCounts
}
