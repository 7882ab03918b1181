import Foundation
public import WardenCore
public import WardenGate
public import WardenStore

/// Volunteers: the public sign-up form and its emailed confirmation, and the organisers'
/// lists, status moves and skills, each through the Gate and in the log.
public struct VolunteerService: Sendable {
    let gate: Gate
    let store: any AreaStore

    /// Takes a sign-up from the public form and emails its confirmation link. The answer is
    /// the same whether or not the address is already known. `client` is the address the
    /// request came from, kept only as a keyed hash for the flood limit.
    public func signUp(_ signUp: VolunteerSignUp, client: String, at instant: Timestamp = .now) async throws {
        try await gate.signUpVolunteer(signUp, client: client, at: instant)
    }

    /// Follows a confirmation link: the sign-up becomes a volunteer.
    @discardableResult
    public func confirm(token: String, at instant: Timestamp = .now) async throws -> VolunteerConfirmation {
        try await gate.confirmVolunteer(tokenHash: Authentication.hash(token), at: instant)
    }

    /// The volunteers `actor` manages, of `areaCode`'s area and those under it, or of every
    /// area they manage.
    public func list(areaCode: String? = nil, actor: Actor, at instant: Timestamp = .now) async throws -> [Volunteer] {
        var area: AreaID?
        if let areaCode {
            guard let found = try await store.allAreas().first(where: { $0.code == areaCode }) else {
                throw WardenError.invalidRequest("area: no area with code \(areaCode)")
            }
            area = found.id
        }
        return try await gate.volunteers(in: area, actor: actor, at: instant)
    }

    public func setStatus(_ status: VolunteerStatus, of person: PersonID, actor: Actor, at instant: Timestamp = .now) async throws -> Volunteer {
        try await gate.changeVolunteer(person, actor: actor, at: instant, saying: "status \(status.rawValue)") { $0.status = status }
    }

    public func setSkills(_ skills: Set<VolunteerSkill>, availability: String? = nil, of person: PersonID, actor: Actor,
                          at instant: Timestamp = .now) async throws -> Volunteer {
        let named = skills.sorted().map(\.rawValue).joined(separator: ", ")
        return try await gate.changeVolunteer(person, actor: actor, at: instant, saying: "skills \(named.isEmpty ? "none" : named)") {
            $0.skills = skills
            if let availability { $0.availability = availability }
        }
    }

    /// Deletes the sign-ups whose links expired unfollowed; returns how many.
    public func expireSignUps(at instant: Timestamp = .now) async throws -> Int {
        try await gate.expireVolunteerSignUps(at: instant)
    }
}
