/// Who may ask for, approve, see and trace exports: pure, so each rule has an allowed and a
/// refused test.
///
/// An export is a read of many people by someone outside Warden, so it needs two people:
/// the requester, and the data protection officer, who is never the requester. The command
/// line acts as the local operator, who holds the files already and so can never be the
/// second person.
public enum ExportPolicy {
    /// Why `actor` may not ask for an export, or `nil` when they may: they must hold a grant
    /// that reads people (or be the local operator, whose request still waits for the DPO).
    public static func requestRefusal(by actor: Actor) -> String? {
        if case .localOperator = actor.kind { return nil }
        // A member reads their own record and a canvasser the doors of a list: neither reads an
        // area's people, which is what an export selects.
        let reads = actor.grants.contains { !AccessPolicy.readableFields(for: $0.role).isEmpty && $0.role != .member && $0.role != .canvasser }
        return reads ? nil : "no grant that reads an area's people"
    }

    /// Why `actor` may not approve (or refuse) `request`, or `nil` when they may.
    public static func decisionRefusal(of request: ExportRequest, by actor: Actor) -> String? {
        guard let account = actor.accountID else { return "the command line cannot be the second person" }
        guard actor.roles.contains(.dataProtectionOfficer) else { return "not the data protection officer" }
        if request.requesterID == account { return "the requester cannot approve their own export" }
        return nil
    }

    /// Whether `actor` may see `request`: its requester, the DPO, or the local operator.
    public static func maySee(_ request: ExportRequest, actor: Actor) -> Bool {
        if AccessPolicy.mayReviewAudit(actor) { return true }
        return actor.accountID != nil && actor.accountID == request.requesterID
    }
}
