import WardenCore

/// Undoing doorstep results just recorded, in one write transaction: for each person, the
/// decision on the record as it stands (the list must still be the writer's), then their
/// newest result by this account on this list within the undo window is removed, the person
/// versioned without it and the withdrawal logged. The version before still holds the result's
/// line, so the history shows what was recorded and that it was withdrawn.
struct CanvassWithdrawal<Ledger: WriteLedger> {
    let ledger: Ledger
    let request: CanvassWithdrawalRequest

    /// How many results were withdrawn: a person with none to withdraw is passed over.
    func run() throws -> Int {
        try ledger.checkStanding(request.standing)
        var withdrawn = 0
        for person in request.people {
            guard let record = try ledger.recordToWrite(person, contacts: false) else { continue }
            guard case .allowed(let grantID) = request.decide(record) else {
                try ledger.refuseWrite(request.audit, to: person, why: "person not on the writer's walk lists",
                                       alert: "tried to withdraw a doorstep result outside their walk lists")
                continue
            }
            guard let contact = try ledger.newestCanvassContact(of: person, onList: request.walkListID, by: request.accountID,
                                                                 since: request.since)
            else { continue }
            try ledger.removeCanvassContact(contact.id)
            let binding = try ledger.version(person, author: request.author, grantID: grantID)
            try ledger.recordWrite(request.audit, to: person, classes: [.identity, .specialCategory], versions: binding,
                                   saying: "withdrew result \(contact.uid) on walk list \(request.walkListID)")
            withdrawn += 1
        }
        return withdrawn
    }
}
