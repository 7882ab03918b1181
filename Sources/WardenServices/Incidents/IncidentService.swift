public import WardenCore
public import WardenGate
import WardenStore

/// Personal data breaches, from the moment the party becomes aware (UK GDPR Art. 33 and 34):
/// the DPO describes the incident by any bounds (accounts, areas, a window, a walk list or
/// sheet, the whole database as of a time), and Warden answers from the log and the versions
/// who was affected and how, the categories of data, whether special category data was
/// readable or only sealed, per area; the 72-hour clock; the report in phases; and the notice
/// to the people affected, drafted for the DPO to approve and queued through the outbox.
public struct IncidentService: Sendable {
    let gate: Gate
    let store: any IncidentStore & AccountStore & AreaStore
    let subjectAccess: SubjectAccessService

    /// The longest title or phase text kept.
    public static let textLimit = 2_000

    /// Opens an incident the party became aware of at `awareAt`, covering `scope`.
    public func open(title: String, awareAt: Timestamp, scope: IncidentScope, actor: Actor) async throws -> Incident {
        try await requireOfficer(actor, "open")
        let title = try Self.text(title, field: "title")
        if let problem = scope.problems.first { throw WardenError.invalidRequest(problem) }
        let now = Timestamp.now
        guard awareAt <= now else { throw WardenError.invalidRequest("aware: not a time in the future") }
        _ = try await query(scope)
        return try await store.openIncident(Incident(title: title, awareAt: awareAt, openedBy: actor.label, openedAt: now, scope: scope),
                                            audit: AuditEvent(actor: actor, action: .investigation, purpose: .dataProtection, detail: "incident"))
    }

    public func incidents(limit: Int = 200, actor: Actor) async throws -> [Incident] {
        try await requireOfficer(actor, "list")
        return try await store.incidents(limit: limit)
    }

    public func incident(_ id: IncidentID, actor: Actor) async throws -> Incident {
        try await requireOfficer(actor, "read")
        guard let incident = try await store.incident(id) else { throw WardenError.notFound("no incident \(id)") }
        return incident
    }

    /// The incident's findings now, from the log and the versions.
    public func findings(_ id: IncidentID, actor: Actor) async throws -> (Incident, IncidentFindings) {
        let incident = try await incident(id, actor: actor)
        let evidence = try await gate.incidentEvidence(try await query(incident.scope), incident: id, actor: actor)
        return (incident, IncidentAnalysis.findings(evidence, scope: incident.scope, at: .now))
    }

    /// The Art. 33 report as it stands, with fresh findings.
    public func report(_ id: IncidentID, actor: Actor) async throws -> String {
        try await assess(id, actor: actor).report
    }

    /// Everything the incident's page shows, from one reading of the log: the incident, its
    /// findings, the report as it stands, and (until it is sent, and unless the incident is
    /// the whole database) the notice Warden drafts.
    public struct Assessment: Sendable {
        public var incident: Incident
        public var findings: IncidentFindings
        public var report: String
        public var draft: (subject: String, body: String)?
    }

    public func assess(_ id: IncidentID, actor: Actor) async throws -> Assessment {
        let (incident, findings) = try await findings(id, actor: actor)
        let register = try await subjectAccess.register()
        let report = BreachReport.text(incident, findings: findings, controller: register.controller, dpo: register.dataProtectionOfficer, now: .now)
        let draft = incident.notice == nil && findings.scope.wholeDatabaseAsOf == nil
            ? BreachReport.draftNotice(incident, findings: findings, controller: register.controller, dpo: register.dataProtectionOfficer) : nil
        return Assessment(incident: incident, findings: findings, report: report, draft: draft)
    }

    /// Adds a phase to the report: what is known now (Art. 33(4)).
    public func addPhase(_ id: IncidentID, nature: String, consequences: String, measures: String, actor: Actor) async throws -> Incident {
        var incident = try await incident(id, actor: actor)
        incident.phases.append(Incident.ReportPhase(
            at: .now, by: actor.label, nature: try Self.text(nature, field: "nature"),
            consequences: try Self.text(consequences, field: "consequences"), measures: try Self.text(measures, field: "measures")))
        try await store.updateIncident(incident, audit: AuditEvent(actor: actor, action: .investigation, purpose: .dataProtection,
                                                                   detail: "incident \(id): report phase \(incident.phases.count)"))
        return incident
    }

    /// The notice Warden drafts for the DPO to approve or edit.
    public func draftNotice(_ id: IncidentID, actor: Actor) async throws -> (subject: String, body: String) {
        let (incident, findings) = try await findings(id, actor: actor)
        let register = try await subjectAccess.register()
        return BreachReport.draftNotice(incident, findings: findings, controller: register.controller, dpo: register.dataProtectionOfficer)
    }

    /// Approves the notice as worded and queues it to every person affected, once.
    public func notify(_ id: IncidentID, subject: String, body: String, actor: Actor) async throws -> Incident {
        let (found, findings) = try await findings(id, actor: actor)
        var incident = found
        guard incident.notice == nil else { throw WardenError.conflict("incident \(id): the people affected were notified already") }
        guard findings.scope.wholeDatabaseAsOf == nil else {
            throw WardenError.invalidRequest("scope: notify the people at high risk; narrow the incident from the whole database to them first")
        }
        let subject = try Self.text(SafeText.line(subject), field: "subject", limit: 200)
        let body = try Self.text(body, field: "body", limit: 10_000)
        let queued = try await gate.queueBreachNotices(id, to: findings.affected.map(\.person), subject: subject, body: body, actor: actor)
        incident.notice = Incident.Notice(subject: subject, body: body, approvedBy: actor.label, approvedAt: .now,
                                          emailed: queued.emailed, toPost: queued.toPost)
        try await store.updateIncident(incident, audit: AuditEvent(actor: actor, action: .investigation, purpose: .dataProtection,
                                                                   detail: "incident \(id): notice approved"))
        return incident
    }

    /// The scope resolved to accounts, districts, branches and ward labels.
    func query(_ scope: IncidentScope) async throws -> IncidentQuery {
        var accounts: [(id: AccountID, label: String)] = []
        for username in scope.actors {
            guard let id = try await store.accountID(username: username) else { throw WardenError.notFound("actors: no account \(username)") }
            accounts.append((id, username))
        }
        let all = Dictionary(uniqueKeysWithValues: try await store.allAreas().map { ($0.id, $0) })
        var districts: Set<AreaID>?
        var branches: Set<AreaID>?
        if !scope.areas.isEmpty {
            districts = []
            branches = []
            for code in scope.areas {
                guard let area = all.values.first(where: { $0.code.uppercased() == code.uppercased() }) else {
                    throw WardenError.notFound("areas: no area \(code)")
                }
                let under = [area] + Area.descendants(of: area, in: all)
                branches?.formUnion(under.map(\.id))
                districts?.formUnion(under.filter { $0.level == .pollingDistrict }.map(\.id))
            }
        }
        var labels: [AreaID: String] = [:]
        for id in all.keys { labels[id] = InvestigationService.wardName(id, all) }
        return IncidentQuery(scope: scope, accounts: accounts, districts: districts, branches: branches, labels: labels)
    }

    private func requireOfficer(_ actor: Actor, _ what: String) async throws {
        try await gate.requireDataProtectionOfficer(actor, detail: "incident: \(what)", "only the data protection officer handles incidents")
    }

    /// Staff text as typed (``StaffText``), one line for a title or subject.
    static func text(_ text: String, field: String, limit: Int = textLimit) throws -> String {
        try StaffText.checked(text, field: field, limit: limit)
    }
}
