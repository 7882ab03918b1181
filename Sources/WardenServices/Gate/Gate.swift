import Foundation
public import WardenCore
import WardenStore

/// The one way to personal data: decide (policy), limit (budget), record (audit), unseal
/// (decrypt), and hand over only the permitted fields.
///
/// Services never read people from the store directly: they ask the Gate, which works out
/// from the pure ``AccessPolicy`` where the actor may look and which fields of each person
/// they may see, and has the store apply that, charge the read budget and record the access
/// (or the refusal, with an alert to the DPO) in the same transaction as the read.
struct Gate: Sendable {
    let store: any WardenStore
    /// Per-role daily budgets that override ``AccessPolicy/dailyBudget(for:)``.
    let budgets: [Role: Int]
    /// Opens special category data for readers whose fields include it.
    let envelope: Envelope

    /// Reads `target` for `actor`; throws a recorded refusal when the policy or the budget says no.
    func read(_ target: Target, actor: Actor, purpose: Purpose, action: AuditAction, detail: String) async throws -> PeopleReadResult {
        let scope = AccessPolicy.searchScope(for: actor, purpose: purpose)
        guard !scope.isEmpty else {
            try await refuse(AuditEvent(actor: actor, action: action, purpose: purpose, detail: detail),
                             why: "no grant to read people for \(purpose.rawValue)",
                             .forbidden("your grants do not include reading people's records for \(purpose.rawValue.replacingOccurrences(of: "_", with: " "))"))
        }
        let storeTarget: PeopleRead.Target = switch target {
        case .search(let query): .search(query, scope)
        case .person(let id): .person(id)
        case .walkList(let id, let stop): .walkList(id, stop: stop)
        }
        let event = AuditEvent(actor: actor, action: action, purpose: purpose, detail: detail)
        let result = try await store.readPeople(PeopleRead(
            target: storeTarget, audit: event, budget: AccessPolicy.dailyBudget(for: actor, overrides: budgets)
        ) { record in
            AccessPolicy.readableFields(of: record.placement, actor: actor, purpose: purpose)
        })
        switch result.outcome {
        case .allowed: return result
        case .notFound, .outOfScope: throw WardenError.notFound("no such person, or not one you may see")
        case .overBudget: throw WardenError.budgetExhausted("\(result.budgetLimit ?? 0) people a day")
        }
    }

    /// Records `event` as refused, saying why, and throws `error`: for refusals the policy can
    /// make before the store is asked.
    func refuse(_ event: AuditEvent, why: String, _ error: WardenError) async throws -> Never {
        var refused = event
        refused.outcome = .refused
        refused.detail += ": " + why
        try await store.append(refused)
        throw error
    }

    /// What the reader is shown of `record`: the permitted fields and, only when they include
    /// ``PersonField/canvassResults``, the person's canvass history with its answers opened.
    func view(_ record: PersonRecord, fields: Set<PersonField>) throws -> PersonView {
        var view = PersonView(record, fields: fields)
        if fields.contains(.canvassResults), let contacts = record.canvass {
            view.canvass = try contacts.map { CanvassContactView($0, answers: try envelope.open($0)) }
        }
        return view
    }

    enum Target {
        case search(PeopleQuery)
        case person(PersonID)
        case walkList(WalkListID, stop: Int?)
    }
}
