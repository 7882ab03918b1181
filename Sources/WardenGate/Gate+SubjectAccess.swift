public import WardenCore
@_spi(Gate) public import WardenStore

extension Gate {
    /// What a subject access package holds on `people`: every record with its canvass answers
    /// opened, and every log entry naming them. One read, recorded in its own transaction as
    /// the package for `caseID` (the DPO's) or as the member's own download (`caseID` nil);
    /// refused, on the record, to anyone else.
    public func subjectAccess(of people: [PersonID], case caseID: SubjectAccessCaseID?, actor: Actor) async throws
        -> (records: [SubjectAccessRecord], consultations: [Consultation]) {
        let selfService = caseID == nil
        let detail = caseID.map { "subject access case \($0): package" } ?? "subject access: own record"
        let event = AuditEvent(actor: actor, action: .read, purpose: selfService ? .selfService : .subjectAccess, detail: detail,
                               dataClasses: Set(DataClass.allCases), people: people)
        guard AccessPolicy.mayTakeSubjectAccessPackage(of: people, actor: actor) else {
            try await refuse(event, by: actor, why: "not the data protection officer, nor the member's own record",
                             .forbidden("only the data protection officer, or the member themselves, takes a subject access package"))
        }
        let facts = try await store.subjectAccessFacts(of: people, audit: event, standing: actor.standing)
        var records = facts.records
        for (index, contacts) in facts.sealed.enumerated() {
            for (position, contact) in contacts.enumerated() where contact.wrappedKey != nil {
                records[index].canvassContacts[position].answers = try envelope.open(contact)
            }
        }
        return (records, facts.consultations)
    }
}
