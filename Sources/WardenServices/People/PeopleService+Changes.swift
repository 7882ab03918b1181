public import WardenCore
import WardenGate

extension PeopleService {
    /// Changes a person's contact details (one email, phone or postal address each) for
    /// `actor`, with a reason.
    ///
    /// Checks the request, then the Gate decides and writes (``Gate/changeContacts(of:edits:reason:actor:purpose:source:)``):
    /// the change lands as a new version bound into its audit entry, in one transaction, and
    /// when someone other than the member makes it, notices go to the old and the new contact
    /// points. "Absent" and "not yours" give the same 404.
    public func changeContacts(
        of id: PersonID, edits: [ContactEdit], reason: String, actor: Actor, purpose: Purpose,
        source: ContactPoint.Source? = nil
    ) async throws -> ContactChangeOutcome {
        let reason = try Self.oneLineReason(reason)
        guard !edits.isEmpty else { throw WardenError.invalidRequest("give at least one of email, phone or postal") }
        return try await gate.changeContacts(of: id, edits: edits, reason: reason, actor: actor, purpose: purpose, source: source)
    }
}
