import Foundation
public import WardenCore
@_spi(Gate) import WardenStore

extension Gate {
    /// Records a doorstep result for `actor`: the policy decides in the transaction (a
    /// canvasser, on their own list while its grant lasts), the answers are sealed under the
    /// person's data key, and the contact, its version and its audit entry commit together.
    /// A refusal is recorded and alerted, and looks the same as "no such person".
    public func record(_ result: CanvassResult, campaign: Campaign, actor: Actor) async throws -> Int64 {
        try await record([result], campaign: campaign, actor: actor)[0]
    }

    /// How results reach Warden: tapped at the door by the list's canvasser, or typed in from a
    /// returned paper sheet by an organiser of the list's district.
    public enum Entry: Sendable {
        case doorstep
        /// The sheet's serial, and the chain of areas from the list's polling district up.
        case returnedSheet(serial: String, districtChain: Set<AreaID>)
    }

    /// Records several results in one transaction (a household nobody answered, or a returned
    /// sheet), each as ``record(_:campaign:actor:)`` records one. All must be on one walk list.
    public func record(_ results: [CanvassResult], campaign: Campaign, via entry: Entry = .doorstep, actor: Actor) async throws -> [Int64] {
        guard let walkListID = results.first?.walkListID, results.allSatisfy({ $0.walkListID == walkListID }) else {
            throw WardenError.invalidRequest("results: one or more, on one walk list")
        }
        for result in results { try result.validate(against: campaign.survey) }
        let (purpose, detail, reason): (Purpose, String, String) = switch entry {
        case .doorstep: (.canvassing, "doorstep result", "doorstep result, walk list \(walkListID)")
        case .returnedSheet(let serial, _): (.campaignPlanning, "results typed in from walk sheet \(serial)", "returned walk sheet \(serial)")
        }
        let event = AuditEvent(actor: actor, action: .write, purpose: purpose, detail: detail)
        let held: Grant? = switch entry {
        case .doorstep: AccessPolicy.canvassListGrant(walkListID, actor: actor)
        case .returnedSheet(_, let chain): AccessPolicy.sheetEntryGrant(inDistrict: chain, actor: actor)
        }
        guard let listGrant = held else {
            try await refuse(event, by: actor, why: "no grant to record results on walk list \(walkListID)",
                             .forbidden(entry.isDoorstep ? "you do not hold walk list \(walkListID)" : "your grants do not include organising a canvass there"))
        }
        let envelope = envelope
        let requests = results.map { result in
            let uid = UUID().uuidString.lowercased()
            let answers = result.answers.flatMap { $0.isEmpty ? nil : $0 }
            return CanvassWriteRequest(
                result: result, campaignID: campaign.id, uid: uid,
                author: VersionAuthor(at: event.at, accountID: actor.accountID, actor: actor.label, grantID: nil, reason: reason),
                audit: event, standing: actor.standing,
                decide: { record in
                    guard let grant = AccessPolicy.canvassWriteGrant(onList: walkListID, personOn: record.walkLists, holding: listGrant)
                    else { return .refused }
                    return .allowed(grantID: grant.id)
                },
                seal: { key in
                    try answers.map { try envelope.seal($0, uid: uid, person: result.personID, key: key) }
                })
        }
        return try await store.recordCanvass(requests).map { outcome in
            switch outcome {
            case .recorded(let id): return id
            case .notFound, .outOfScope: throw WardenError.notFound("no such person on your walk list")
            }
        }
    }

    /// Withdraws the doorstep results `actor` recorded for `people` on `walkList` in the last
    /// ``CanvassResult/undoWindow`` seconds (the doorstep's "undo"): only their own, only
    /// while they still hold the list. Each withdrawal is versioned and logged; returns how many.
    public func withdraw(_ people: [PersonID], walkList walkListID: WalkListID, actor: Actor) async throws -> Int {
        let event = AuditEvent(actor: actor, action: .write, purpose: .canvassing, detail: "doorstep result withdrawn (undo)")
        guard let listGrant = AccessPolicy.canvassListGrant(walkListID, actor: actor), let account = actor.accountID else {
            try await refuse(event, by: actor, why: "no grant to record results on walk list \(walkListID)",
                             .forbidden("you do not hold walk list \(walkListID)"))
        }
        return try await store.withdrawCanvass(CanvassWithdrawalRequest(
            people: people, walkListID: walkListID, accountID: account, since: event.at.adding(seconds: -CanvassResult.undoWindow),
            author: VersionAuthor(at: event.at, accountID: account, actor: actor.label, grantID: nil,
                                  reason: "doorstep result withdrawn (undo), walk list \(walkListID)"),
            audit: event, standing: actor.standing,
            decide: { record in
                guard let grant = AccessPolicy.canvassWriteGrant(onList: walkListID, personOn: record.walkLists, holding: listGrant)
                else { return .refused }
                return .allowed(grantID: grant.id)
            }))
    }

    /// A campaign's contacts in the actor's organising scope, for counting: each with its
    /// household, district, day, outcome and the intention opened from its sealed answers,
    /// and nothing that names the person. The read is recorded as one access to special
    /// category data naming no one; without an organising grant it is refused and recorded.
    public func campaignTally(_ campaign: CampaignID, areas all: [AreaID: Area], actor: Actor) async throws -> [CountableContact] {
        let scope = AccessPolicy.canvassOrganisingScope(for: actor)
        let event = AuditEvent(actor: actor, action: .read, purpose: .campaignPlanning, detail: "campaign \(campaign) dashboard")
        guard !scope.isEmpty else {
            try await refuse(event, by: actor, why: "no organising grant", .forbidden("your grants do not include campaign results"))
        }
        let districts: Set<AreaID>? = scope.everyone ? nil : Set(all.values.filter {
            $0.level == .pollingDistrict && scope.covers(Set(Area.chain(from: $0.id, in: all).map(\.id)))
        }.map(\.id))
        return try await store.campaignContacts(campaign, districts: districts, audit: event).map { contact in
            CountableContact(householdID: contact.householdID, pollingDistrictID: contact.pollingDistrictID, at: contact.at,
                             outcome: contact.outcome,
                             intention: contact.outcome.isContact ? try envelope.open(contact)?.intention : nil)
        }
    }
}

/// One doorstep contact as a dashboard counts it: no person, no answers but the intention.
public struct CountableContact: Sendable, Hashable {
    public var householdID: HouseholdID?
    public var pollingDistrictID: AreaID?
    public var at: Timestamp
    public var outcome: ContactOutcome
    public var intention: String?
}

extension Gate.Entry {
    var isDoorstep: Bool {
        if case .doorstep = self { true } else { false }
    }
}
