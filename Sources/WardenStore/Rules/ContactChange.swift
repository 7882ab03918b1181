import WardenCore

/// One change to a person's contact details, in the engine's write transaction: the
/// decision on the record as it stands, the new contact points (consent carried over), the
/// version, the notices, the audit entry and the watch for bursts and targeted areas. A
/// voter on a frozen ballot electorate has the change held instead (``ContactHolding``).
struct ContactChange<Ledger: WriteLedger> {
    let ledger: Ledger
    let request: ContactChangeRequest

    func run() throws -> ContactChangeOutcome {
        try ledger.checkStanding(request.standing)
        guard let record = try ledger.recordToWrite(request.personID, contacts: true) else { return .notFound }
        guard case .allowed(let grantID) = request.decide(record) else {
            try ledger.refuseWrite(request.audit, to: request.personID, why: "person outside the writer's grants",
                                   alert: "tried to change contact details outside their grants")
            return .outOfScope
        }
        let edits = request.edits.filter { changes($0, record) }
        if !edits.isEmpty, let maker = request.holds, let ballot = try ledger.lockingBallot(of: request.personID, at: request.author.at) {
            let id = try ContactHolding(ledger: ledger, request: request, ballot: ballot).hold(grantID: grantID, maker: maker)
            try watch(record)
            return .held(holdID: id, ballot: ballot.id)
        }
        for edit in edits {
            let existing = (record.contactPoints ?? []).filter { $0.kind == edit.kind }
            try ledger.removeContacts(of: request.personID, kind: edit.kind)
            guard let value = edit.value else { continue }
            // Unless the edit says otherwise, the person's consent carries over to the new address.
            let consent = edit.consent ?? existing.first(where: { $0.value == value })?.consent ?? existing.first?.consent ?? []
            try ledger.addContact(ContactPoint(kind: edit.kind, value: value, source: request.source, consent: consent),
                                  to: request.personID, at: request.author.at)
        }
        var made: (version: PersonVersion, previous: PersonState?)?
        let binding = try ledger.version(request.personID, author: request.author, grantID: grantID) { made = ($0, $1) }
        guard let binding, let made else { return .unchanged }
        var notices = 0
        if let maker = request.notices, record.member != nil {
            notices = try ChangeNotices(ledger: ledger, maker: maker, at: request.author.at, restoring: request.source == .restored)
                .queue(for: made.version, previous: made.previous)
        }
        try ledger.recordWrite(request.audit, to: request.personID, classes: [.contact], versions: binding,
                               saying: made.version.fields.joined(separator: ", "))
        try watch(record)
        return .changed(versionID: made.version.id, fields: made.version.fields, notices: notices)
    }

    /// Whether `edit` changes what `record` holds: another value, or the same value with other consent.
    private func changes(_ edit: ContactEdit, _ record: PersonRecord) -> Bool {
        let existing = (record.contactPoints ?? []).filter { $0.kind == edit.kind }
        let sameValue = existing.map(\.value) == [edit.value].compactMap({ $0 })
        return !sameValue || (edit.consent != nil && existing.first?.consent != edit.consent)
    }

    private func watch(_ record: PersonRecord) throws {
        guard let limits = request.watch else { return }
        try ContactChangeWatch(ledger: ledger, limits: limits, at: request.author.at)
            .check(placement: Set(record.areas.map(\.id)), by: request.audit.accountID, actor: request.audit.actor, areas: try ledger.areas())
    }
}
