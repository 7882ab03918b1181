public import WardenCore
@_spi(Gate) public import WardenStore

extension Gate {
    /// Carries out `erasure`, all or nothing. A request is carried out by its second person: a
    /// data protection officer's account that did not ask for it (``AccessPolicy/mayApproveErasure(_:actor:)``);
    /// anyone else is refused, on the record. A retention batch is the server's own, under the
    /// schedule the DPO set, so only the local operator (the scheduler, `warden retention run`)
    /// carries one out.
    public func erase(_ erasure: Erasure, keepingRegister: Set<PersonID> = [], actor: Actor) async throws -> ErasureOutcome {
        let event = AuditEvent(actor: actor, action: .erasure, purpose: .dataProtection, detail: "erasure \(erasure.id)",
                               dataClasses: Set(DataClass.allCases), people: erasure.people)
        switch erasure.kind {
        case .request:
            guard AccessPolicy.mayApproveErasure(erasure, actor: actor) else {
                try await refuse(event, by: actor, why: "not a second data protection officer",
                                 .forbidden("an erasure is carried out by a data protection officer other than the one who asked for it"))
            }
        case .retention:
            guard case .localOperator = actor.kind else {
                try await refuse(event, by: actor, why: "not the retention schedule",
                                 .forbidden("retention erasures are the server's own, under the schedule in the processing register"))
            }
        }
        let keys = try envelope.keys.current
        return try await store.erase(erasure, decidedBy: actor.label, at: .now, missing: .refuse,
                                     keepingRegister: erasure.kind == .retention ? keepingRegister : [], identifierHash: { keys.identifierHash($0) }, audit: event, standing: actor.standing)
    }

    /// Re-applies an erasure from the ledger beside the key ring to this database (an older
    /// copy, restored): the people it still holds are erased again under the same erasure;
    /// those it never held or already erased are passed over. The local operator's alone.
    public func reapply(_ erasure: Erasure, actor: Actor) async throws -> ErasureOutcome {
        let event = AuditEvent(actor: actor, action: .erasure, purpose: .dataProtection, detail: "erasure \(erasure.id): re-applied",
                               dataClasses: Set(DataClass.allCases), people: erasure.people)
        guard case .localOperator = actor.kind else {
            try await refuse(event, by: actor, why: "not the local operator", .forbidden("re-applying the erasure ledger is the operator's"))
        }
        let keys = try envelope.keys.current
        var reapplied = erasure
        reapplied.state = .awaitingApproval
        return try await store.erase(reapplied, decidedBy: erasure.decidedBy ?? actor.label, at: erasure.decidedAt ?? .now, missing: .skip,
                                     keepingRegister: [], identifierHash: { keys.identifierHash($0) }, audit: event, standing: nil)
    }

    /// Deletes up to `limit` doorstep results of campaigns that ended before `endedBefore`: the
    /// retention schedule's, so the local operator's (the scheduler, `warden retention run`)
    /// alone; each person's record is versioned without them.
    public func expireCanvassAnswers(campaignsEndedBefore endedBefore: CalendarDate, limit: Int, actor: Actor) async throws -> (contacts: Int, people: Int) {
        let event = AuditEvent(actor: actor, action: .erasure, purpose: .dataProtection, detail: "retention", dataClasses: [.specialCategory])
        guard case .localOperator = actor.kind else {
            try await refuse(event, by: actor, why: "not the retention schedule",
                             .forbidden("retention erasures are the server's own, under the schedule in the processing register"))
        }
        let author = VersionAuthor(at: event.at, accountID: nil, actor: actor.label, grantID: nil, reason: "retention: doorstep results past their period")
        return try await store.expireCanvassContacts(campaignsEndedBefore: endedBefore, limit: limit, author: author, audit: event)
    }
}
