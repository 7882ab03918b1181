import WardenCore

/// Holds a contact change to a voter on a frozen electorate, in the change's transaction:
/// stores it, asks for confirmation at every email address the voter had at the freeze,
/// records it, and alerts the DPO at once when the electorate sees a burst of them.
struct ContactHolding<Ledger: WriteLedger> {
    let ledger: Ledger
    let request: ContactChangeRequest
    let ballot: Ballot

    func hold(grantID: Int64?, maker: NoticeMaker) throws -> Int64 {
        let at = request.author.at
        let (token, hash) = maker.token()
        let id = try ledger.holdContactChange(NewContactHold(ballot: ballot.id, request: request, grantID: grantID, tokenHash: hash))
        let kinds = Set(request.edits.map(\.kind.rawValue)).sorted().joined(separator: ", ")
        for email in try ledger.emailsHeldAtFreeze(of: request.personID, ballot: ballot.id) {
            try ledger.queueMail(to: email, subject: "Confirm a change to your contact details: \(ballot.title)", body: """
                On \(at) (UTC), \(request.author.actor) asked to change the \(kinds) the party holds for you.

                You are on the electorate of "\(ballot.title)", so until it closes on \(ballot.closesAt) (UTC) your contact details change \
                only when you confirm, and then after \(ballot.coolingOffHours) hours. To confirm, or to say you did not ask for it:

                \(maker.holdLink(token))

                If you do nothing, nothing changes. This goes to the email you had when the electorate was fixed.
                """, at: at)
        }
        var event = request.audit
        event.people = [request.personID]
        event.dataClasses = [.contact]
        event.detail += ": held for confirmation (\(kinds)), ballot \(ballot.id)'s electorate is frozen; held change \(id)"
        try ledger.append(event)
        let recent = try ledger.heldChanges(to: ballot.id, since: at.adding(seconds: -HeldContactChange.burstWindow))
        if recent > HeldContactChange.burst {
            try ledger.raise(AlertDraft(kind: .contactChanges, accountID: request.audit.accountID, actor: request.audit.actor,
                                        detail: "\(recent) contact changes to ballot \(ballot.id)'s frozen electorate in 10 minutes"),
                             at: at, dedupeWithin: ActivityWatch.quietPeriod)
        }
        return id
    }
}
