import Foundation
public import WardenCore
public import WardenGate
public import WardenStore

/// Volunteers: the public sign-up form and its emailed confirmation, and the organisers'
/// lists, status moves and skills, each through the Gate and in the log.
public struct VolunteerService: Sendable {
    let gate: Gate
    let store: any AreaStore
    let accounts: AccountService

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
    /// area they manage, that `filter` admits.
    public func list(areaCode: String? = nil, filter: VolunteerFilter = VolunteerFilter(), actor: Actor,
                     at instant: Timestamp = .now) async throws -> [Volunteer] {
        var area: AreaID?
        if let areaCode {
            guard let found = try await store.allAreas().first(where: { $0.code == areaCode }) else {
                throw WardenError.invalidRequest("area: no area with code \(areaCode)")
            }
            area = found.id
        }
        return try await gate.volunteers(in: area, filter: filter, actor: actor, at: instant)
    }

    /// Records `person`, whom an organiser met, as an active volunteer in `areaCode`'s area.
    public func record(_ person: PersonID, areaCode: String, skills: Set<VolunteerSkill>, availability: String = "", actor: Actor,
                       at instant: Timestamp = .now) async throws -> Volunteer {
        guard let area = try await store.allAreas().first(where: { $0.code == areaCode }) else {
            throw WardenError.invalidRequest("area: no area with code \(areaCode)")
        }
        return try await gate.recordVolunteer(person, area: area.id, skills: skills, availability: availability, actor: actor, at: instant)
    }

    /// Changes what is given of the volunteer `person` (their status, skills, availability),
    /// in one write recorded with what changed.
    public func change(_ person: PersonID, status: VolunteerStatus? = nil, skills: Set<VolunteerSkill>? = nil, availability: String? = nil,
                       actor: Actor, at instant: Timestamp = .now) async throws -> Volunteer {
        let said = [status.map { "status \($0.rawValue)" },
                    skills.map { skills in "skills " + (skills.isEmpty ? "none" : skills.sorted().map(\.rawValue).joined(separator: ", ")) },
                    availability.map { _ in "availability" }].compactMap { $0 }
        guard !said.isEmpty else { throw WardenError.invalidRequest("expected status, skills or availability") }
        return try await gate.changeVolunteer(person, actor: actor, at: instant, saying: said.joined(separator: ", ")) { volunteer in
            if let status { volunteer.status = status }
            if let skills { volunteer.skills = skills }
            if let availability { volunteer.availability = availability }
        }
    }

    /// An organiser's request that the volunteer `person` be given a canvasser account named
    /// `username`; an administrator opens it (``openCanvasserAccount(username:password:actor:)``).
    public func askForCanvasserAccount(_ person: PersonID, username: String, actor: Actor, at instant: Timestamp = .now) async throws -> Volunteer {
        try await gate.askForCanvasserAccount(person, username: username, actor: actor, at: instant)
    }

    /// The requests waiting for an administrator: usernames, areas and who asked.
    public func canvasserAccountAsks(actor: Actor) async throws -> [CanvasserAccountAsk] {
        try await gate.canvasserAccountAsks(actor: actor)
    }

    /// An administrator opens the account asked for as `username`: an account for the
    /// volunteer's own record with a canvasser grant over their area (it shows nobody until a
    /// walk list is given), and a second factor to enrol as for any canvasser. The organiser
    /// who asked cannot open it: account creation is an administrator's.
    @discardableResult
    public func openCanvasserAccount(username: String, password: String, actor: Actor) async throws -> AccountID {
        let (person, ask) = try await gate.canvasserAccountAsked(username, actor: actor)
        let account = try await accounts.create(
            username: username, password: password,
            grants: [GrantRequest(role: .canvasser, scopeAreaID: ask.areaID, purpose: .canvassing, reason: "volunteer; asked for by \(ask.askedBy)")],
            personID: person, actor: actor)
        try await gate.closeCanvasserAccountAsk(person, opened: true, actor: actor)
        return account
    }

    /// An administrator declines the account asked for as `username`.
    public func declineCanvasserAccount(username: String, actor: Actor) async throws {
        let (person, _) = try await gate.canvasserAccountAsked(username, actor: actor)
        try await gate.closeCanvasserAccountAsk(person, opened: false, actor: actor)
    }

    /// Deletes the sign-ups whose links expired unfollowed; returns how many.
    public func expireSignUps(at instant: Timestamp = .now) async throws -> Int {
        try await gate.expireVolunteerSignUps(at: instant)
    }
}
