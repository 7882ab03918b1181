public import WardenCore
@_spi(Gate) public import WardenStore

extension Gate {
    /// What the log, the versions and the records say an incident reached: the DPO's (or the
    /// local operator's) alone, and recorded as their question in the same transaction.
    public func incidentEvidence(_ query: IncidentQuery, incident: IncidentID, actor: Actor) async throws -> IncidentEvidence {
        try await requireDataProtectionOfficer(actor, detail: "incident \(incident)", "only the data protection officer assesses incidents")
        return try await store.incidentEvidence(query, audit: AuditEvent(
            actor: actor, action: .investigation, purpose: .dataProtection, detail: "incident \(incident): \(query.scope.description)"))
    }

    /// Queues the approved Art. 34 notice to every email address of each person affected; the
    /// addresses are read here, recorded as read for data protection, and never shown.
    public func queueBreachNotices(_ incident: IncidentID, to people: [PersonID], subject: String, body: String,
                                   actor: Actor) async throws -> (emailed: Int, toPost: Int) {
        let event = AuditEvent(actor: actor, action: .read, purpose: .dataProtection, detail: "incident \(incident): notices",
                               dataClasses: [.contact])
        guard AccessPolicy.mayReviewAudit(actor) else {
            try await refuse(event, by: actor, why: "not the data protection officer",
                             .forbidden("only the data protection officer notifies the people affected"))
        }
        return try await store.queueBreachNotices(to: people, subject: subject, body: body, audit: event)
    }
}
