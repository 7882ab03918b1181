public import WardenCore

/// Incidents as the DPO records them: what happened, when the party became aware, the scope,
/// the report's phases and the notice sent. Finding who was affected is the Gate's.
public protocol IncidentStore: Sendable {
    /// Records `draft` (its identifier is assigned here) with `audit`.
    func openIncident(_ draft: Incident, audit: AuditEvent) async throws -> Incident
    func incident(_ id: IncidentID) async throws -> Incident?
    /// The newest incidents first.
    func incidents(limit: Int) async throws -> [Incident]
    /// Writes the incident's phases and notice as `updated` has them, with `audit`.
    func updateIncident(_ updated: Incident, audit: AuditEvent) async throws
}
