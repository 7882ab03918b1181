public import WardenCore
@_spi(Gate) public import WardenStore

extension Gate {
    /// How many people `selection` picks among those `actor` may read for `purpose`: what a
    /// request shows before anyone approves. Counting names no one; it is recorded as a search.
    /// A selection outside the actor's grants is refused, on the record.
    public func countForExport(_ selection: ExportSelection, areas all: [AreaID: Area], actor: Actor, purpose: Purpose) async throws -> Int {
        let event = AuditEvent(actor: actor, action: .search, purpose: purpose, detail: "export request: counting area \(selection.areaID)")
        let scope = AccessPolicy.searchScope(for: actor, purpose: purpose)
        let chain = Set(Area.chain(from: selection.areaID, in: all).map(\.id))
        guard scope.covers(selectionOf: chain, membersOnly: selection.population == .members) else {
            try await refuse(event, by: actor, why: "area \(selection.areaID) outside the requester's grants",
                             .forbidden("your grants do not cover that area; ask for people inside your own"))
        }
        let count = try await store.countSelection(selection, scope: scope)
        try await log.append(event)
        return count
    }

    /// Reads an approved export's people for its requester: their grants decide who and which
    /// fields (never more than the request's), their budget is charged unless the approver
    /// said the export may pass it, and every person read is named in one log entry, so the
    /// export shows in each one's subject access package.
    public func readForExport(_ request: ExportRequest, requester: Actor, purpose: Purpose, approvedBy approver: String) async throws -> [ExportValues] {
        let wanted = Set(request.fields.flatMap(\.personFields))
        let event = AuditEvent(actor: requester, action: .read, purpose: purpose,
                               detail: ExportRequest.readDetail(request.id, purpose: request.purpose, approvedBy: approver))
        guard let decision = request.decision, !request.hasSpecialCategory || decision.specialCategory else {
            try await refuse(event, by: requester, why: "special category columns without the DPO's explicit approval",
                             .forbidden("voting intentions leave only with the data protection officer's explicit approval"))
        }
        let scope = AccessPolicy.searchScope(for: requester, purpose: purpose)
        guard !scope.isEmpty else {
            try await refuse(event, by: requester, why: "the requester no longer holds a grant to read people for \(purpose.rawValue)",
                             .forbidden("the requester's grants have ended since they asked; nothing was exported"))
        }
        let result = try await store.readPeople(PeopleRead(
            target: .selection(request.selection, scope), audit: event,
            budget: decision.overBudget ? nil : dailyBudget(for: requester),
            standing: nil
        ) { record in
            AccessPolicy.readableFields(of: record.placement, actor: requester, purpose: purpose).intersection(wanted)
        })
        switch result.outcome {
        case .allowed: break
        case .overBudget:
            throw WardenError.budgetExhausted("the export is larger than the requester's remaining read budget (\(result.budgetLimit ?? 0) people a day, \(result.budgetUsed) read); approve it again saying it may pass the budget")
        case .notFound, .outOfScope: throw WardenError.notFound("the selection holds nobody the requester may read")
        }
        return try result.people.map { try values(view($0.record, fields: $0.fields)) }
    }

    /// The cells' values of one person as the export may carry them: contact points only with
    /// consent for the use, the intention from the newest result that gave one.
    func values(_ view: PersonView) -> ExportValues {
        ExportValues(
            personID: view.id, forenames: view.forenames, surname: view.surname, address: view.address,
            email: view.emails?.first { $0.consent.contains(.email) }?.value,
            phone: view.phones?.first { $0.consent.contains(.call) }.flatMap { ContactPoint.canonicalPhone($0.value) },
            electorNumber: view.electorNumber, membershipNumber: view.membershipNumber,
            intention: view.canvass?.sorted { $0.at < $1.at }.last { $0.answers?.intention != nil }?.answers?.intention)
    }
}
