import WardenCore

/// One doorstep result, in the engine's write transaction: the decision on the record as it
/// stands, the person's data key (made on their first answers), the sealed contact, the
/// version and the audit entry commit together.
struct CanvassWrite<Ledger: WriteLedger> {
    let ledger: Ledger
    let request: CanvassWriteRequest

    func run() throws -> CanvassWriteOutcome {
        try ledger.checkStanding(request.standing)
        let result = request.result
        guard let record = try ledger.recordToWrite(result.personID, contacts: false) else { return .notFound }
        guard case .allowed(let grantID) = request.decide(record) else {
            try ledger.refuseWrite(request.audit, to: result.personID, why: "person not on the writer's walk lists",
                                   alert: "tried to record a doorstep result outside their walk lists")
            return .outOfScope
        }
        let key = try ledger.dataKey(of: result.personID)
        let sealed = try request.seal(key)
        var keyID = key?.id
        if let newKey = sealed?.newKey {
            keyID = try ledger.addDataKey(of: result.personID, kekVersion: newKey.kekVersion, wrapped: newKey.wrapped, at: request.author.at)
        }
        let contactID = try ledger.addCanvassContact(NewCanvassContact(
            uid: request.uid, person: result.personID, household: record.person.householdID, campaign: request.campaignID,
            walkList: result.walkListID, pollingDistrict: record.areas.first { $0.level == .pollingDistrict }?.id,
            author: request.author, outcome: result.outcome, channel: result.channel, doNotContact: result.doNotContact,
            sealed: sealed?.ciphertext, dataKeyID: sealed == nil ? nil : keyID))
        let binding = try ledger.version(result.personID, author: request.author, grantID: grantID)
        try ledger.recordWrite(request.audit, to: result.personID, classes: sealed == nil ? [.identity] : [.identity, .specialCategory],
                               versions: binding, saying: "\(result.outcome.rawValue) on walk list \(result.walkListID)")
        return .recorded(contactID: contactID)
    }
}
