public import WardenCore
import WardenGate
import WardenStore

/// The data protection officer's questions after an incident, answered from the versions
/// and the log in seconds: what did this account change, who touched this person, which
/// contact details in this area did someone other than the member change.
///
/// Each answer can carry inclusion proofs against the newest checkpoint, so it can be shown
/// to an outsider as part of a log they can check. Asking is itself recorded, by the Gate, in
/// the same transaction as the reading.
public struct InvestigationService: Sendable {
    let gate: Gate
    let store: any AccountStore & AreaStore & LogStore
    let log: LogService

    /// Everything `username` changed in `[from, to]`.
    public func changes(by username: String, from: Timestamp, to: Timestamp, proofs: Bool, actor: Actor) async throws -> ChangeReport {
        try await requireInvestigator(actor)
        guard let account = try await store.accountID(username: username) else {
            throw WardenError.notFound("no account \(username)")
        }
        let question = "changes by \(username) from \(from) to \(to)"
        let found = try await gate.changes(by: account, from: from, to: to, histories: false, question: question, actor: actor)
        return try await report(question, found.window, proofs: proofs)
    }

    /// Contact-detail changes to people in `area` in `[from, to]` made by anyone other than the person.
    public func contactChanges(in area: AreaID, from: Timestamp, to: Timestamp, proofs: Bool, actor: Actor) async throws -> ChangeReport {
        let question = "contact-detail changes by others in area \(area.rawValue) from \(from) to \(to)"
        let found = try await gate.contactChanges(in: [area], from: from, to: to, question: question, actor: actor)
        return try await report(question, found, proofs: proofs)
    }

    /// Who changed and who viewed `person`, oldest first.
    public func history(of person: PersonID, proofs: Bool, actor: Actor) async throws -> PersonHistory {
        let found = try await gate.history(of: person, actor: actor)
        let checkpoint = proofs ? try await log.checkpoint() : nil
        let areas = try await areaNames()
        var changes: [ChangeItem] = []
        for change in found.versions {
            changes.append(try await item(change, areas: areas, checkpoint: checkpoint))
        }
        var accesses: [AccessItem] = []
        for logged in found.events {
            accesses.append(AccessItem(entryIndex: logged.index, event: logged.event,
                                       proof: try await proof(logged.index, checkpoint)))
        }
        return PersonHistory(personID: person, changes: changes, accesses: accesses, checkpoint: checkpoint?.note)
    }

    private func report(_ question: String, _ found: [VersionChange], proofs: Bool) async throws -> ChangeReport {
        let checkpoint = proofs ? try await log.checkpoint() : nil
        let areas = try await areaNames()
        var items: [ChangeItem] = []
        for change in found { items.append(try await item(change, areas: areas, checkpoint: checkpoint)) }
        return ChangeReport(question: question, changes: items, checkpoint: checkpoint?.note)
    }

    private func item(_ change: VersionChange, areas: [AreaID: Area], checkpoint: StoredCheckpoint?) async throws -> ChangeItem {
        let version = change.version
        var proof: InclusionProof?
        if let index = change.entryIndex { proof = try await self.proof(index, checkpoint) }
        return ChangeItem(versionID: version.id, personID: version.personID, at: version.at, actor: version.actor,
                          reason: version.reason, fields: version.fields, area: Self.wardName(change.placement, areas),
                          entryIndex: change.entryIndex, proof: proof)
    }

    private func proof(_ index: Int64, _ checkpoint: StoredCheckpoint?) async throws -> InclusionProof? {
        guard let checkpoint, UInt64(index) < checkpoint.size else { return nil }
        let hashes = try await store.inclusionProof(index: UInt64(index), size: checkpoint.size)
        return InclusionProof(leafIndex: index, treeSize: Int64(checkpoint.size), hashes: hashes.map(Hex.encode))
    }

    private func areaNames() async throws -> [AreaID: Area] {
        Dictionary(uniqueKeysWithValues: try await store.allAreas().map { ($0.id, $0) })
    }

    /// The ward containing `placement` (or the placement itself above ward level), by name.
    static func wardName(_ placement: AreaID?, _ areas: [AreaID: Area]) -> String? {
        var current = placement.flatMap { areas[$0] }
        while let area = current, area.level > .ward, let parent = area.parentID.flatMap({ areas[$0] }) {
            current = parent
        }
        return current.map { "\($0.name) (\($0.code))" }
    }

    /// Throws (and records the refusal) unless `actor` is the DPO or the local operator.
    public func requireInvestigator(_ actor: Actor) async throws {
        try await gate.requireDataProtectionOfficer(actor, detail: "investigation", "only the data protection officer investigates")
    }
}
