public import WardenCore

/// Subject access cases: the DPO's record of each request and its deadline. A case names the
/// person records it covers by identifier only; reading them is the Gate's.
public protocol SubjectAccessStore: Sendable {
    /// Opens `draft` (its identifier is assigned here) and records `audit` with it.
    func openSubjectAccessCase(_ draft: SubjectAccessCase, audit: AuditEvent) async throws -> SubjectAccessCase
    func subjectAccessCase(_ id: SubjectAccessCaseID) async throws -> SubjectAccessCase?
    /// Cases still owed an answer, soonest due first; with `all`, every case.
    func subjectAccessCases(all: Bool, limit: Int) async throws -> [SubjectAccessCase]
    /// Cases owed an answer and due on or before `date`: the ones that may need an alert.
    func subjectAccessCases(owedBy date: CalendarDate) async throws -> [SubjectAccessCase]
    /// Writes `moved` over the case as `from` read it, with `audit`, in one transaction; `false`
    /// when someone moved the case in between (nothing written). Throws not found when a
    /// subject it names is no person record.
    func moveSubjectAccessCase(_ moved: SubjectAccessCase, from: SubjectAccessCase, audit: AuditEvent) async throws -> Bool
    /// Raises `alert` for the case's current due date, unless it was raised already for that
    /// date (by this or another server); `true` when raised.
    func raiseSubjectAccessAlert(_ alert: AlertDraft, for case_: SubjectAccessCase, kind: SubjectAccessCase.DueAlert,
                                 audit: AuditEvent) async throws -> Bool
}
