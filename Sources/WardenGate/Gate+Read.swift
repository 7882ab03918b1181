public import WardenCore
@_spi(Gate) public import WardenStore

extension Gate {
    /// What a read is of.
    public enum Target: Sendable {
        case search(PeopleQuery)
        case person(PersonID)
        case walkList(WalkListID, stop: Int?)
    }

    /// Reads `target` for `actor`; throws a recorded refusal when the policy or the budget says no.
    public func read(_ target: Target, actor: Actor, purpose: Purpose, action: AuditAction, detail: String) async throws -> PeopleReadResult {
        let event = AuditEvent(actor: actor, action: action, purpose: purpose, detail: detail)
        let scope = AccessPolicy.searchScope(for: actor, purpose: purpose)
        guard !scope.isEmpty else {
            try await refuse(event, by: actor, why: "no grant to read people for \(purpose.rawValue)",
                             .forbidden("your grants do not include reading people's records for \(purpose.words)"))
        }
        let storeTarget: PeopleRead.Target = switch target {
        case .search(let query): .search(query, scope)
        case .person(let id): .person(id)
        case .walkList(let id, let stop): .walkList(id, stop: stop)
        }
        let result = try await store.readPeople(PeopleRead(
            target: storeTarget, audit: event, budget: dailyBudget(for: actor), standing: actor.standing
        ) { record in
            AccessPolicy.readableFields(of: record.placement, actor: actor, purpose: purpose)
        })
        switch result.outcome {
        case .allowed: return result
        case .notFound, .outOfScope: throw WardenError.notFound("no such person, or not one you may see")
        case .overBudget: throw WardenError.budgetExhausted("\(result.budgetLimit ?? 0) people a day")
        }
    }

    /// What the reader is shown of `record`: the permitted fields and, only when they include
    /// ``PersonField/canvassResults``, the person's canvass history with its answers opened.
    public func view(_ record: PersonRecord, fields: Set<PersonField>) throws -> PersonView {
        var view = PersonView(record, fields: fields)
        if fields.contains(.canvassResults), let contacts = record.canvass {
            view.canvass = try contacts.map { CanvassContactView($0, answers: try envelope.open($0)) }
        }
        return view
    }
}
