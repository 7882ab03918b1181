public import WardenCore
import WardenStore

/// The one way to personal data: decide (policy), record (audit), then hand over only the
/// permitted fields.
///
/// Services never call the store's people methods directly: they ask the Gate, which
/// decides with the pure ``AccessPolicy``, records refusals, and gives the store the audit
/// event to commit in the same transaction as the read, so nothing leaves without its
/// record. Callers turn what the store returned into views holding only `fields`.
struct Gate: Sendable {
    let store: any WardenStore

    /// What a granted read may show, and the audit event the store must commit with it.
    struct Permit: Sendable {
        var fields: Set<PersonField>
        var event: AuditEvent
    }

    /// Decides whether `actor` may perform `action` for `purpose`; on refusal records it and throws.
    func permit(_ action: AuditAction, actor: Actor, purpose: Purpose, detail: String) async throws -> Permit {
        let fields = AccessPolicy.readableFields(for: actor)
        guard !fields.isEmpty else {
            try await store.append(AuditEvent(actor: actor, action: .refused, purpose: purpose, outcome: .refused,
                                              detail: "\(action.rawValue) \(detail): no grant to read people"))
            throw WardenError.forbidden("your grants do not include reading people's records")
        }
        let event = AuditEvent(actor: actor, action: action, purpose: purpose, detail: detail,
                               dataClasses: Set(fields.map(\.dataClass)))
        return Permit(fields: fields, event: event)
    }
}
