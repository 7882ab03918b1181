import Foundation
import WardenCore
import WardenStore

extension Gate {
    /// Records a doorstep result for `actor`: the policy decides in the transaction (a
    /// canvasser, on their own list while its grant lasts), the answers are sealed under the
    /// person's data key, and the contact, its version and its audit entry commit together.
    /// A refusal is recorded and alerted, and looks the same as "no such person".
    func record(_ result: CanvassResult, survey: Survey, actor: Actor) async throws -> Int64 {
        try result.validate(against: survey)
        let event = AuditEvent(actor: actor, action: .write, purpose: .canvassing, detail: "doorstep result")
        guard actor.grants.contains(where: { $0.role == .canvasser && $0.scopeWalkListID == result.walkListID }) else {
            try await refuse(event, why: "no grant for walk list \(result.walkListID)",
                             .forbidden("you do not hold walk list \(result.walkListID)"))
        }
        let uid = UUID().uuidString.lowercased()
        let answers = result.answers.flatMap { $0.isEmpty ? nil : $0 }
        let envelope = envelope
        let request = CanvassWriteRequest(
            result: result, uid: uid,
            author: VersionAuthor(at: event.at, accountID: actor.accountID, actor: actor.label, grantID: nil,
                                  reason: "doorstep result, walk list \(result.walkListID)"),
            audit: event,
            decide: { record in
                guard let grant = AccessPolicy.canvassWriteGrant(onList: result.walkListID, personOn: record.walkLists, actor: actor)
                else { return .refused }
                return .allowed(grantID: grant.id)
            },
            seal: { key in
                try answers.map { try envelope.seal($0, uid: uid, person: result.personID, key: key) }
            })
        switch try await store.recordCanvass(request) {
        case .recorded(let id): return id
        case .notFound, .outOfScope: throw WardenError.notFound("no such person on your walk list")
        }
    }
}
