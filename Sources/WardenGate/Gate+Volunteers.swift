import Foundation
public import WardenCore
@_spi(Gate) public import WardenStore

/// Volunteers: the public form's sign-ups, their confirmation, and the organisers' lists and
/// changes (``VolunteerPolicy``). The form is open to anyone, so it answers alike whether or
/// not the address is known, counts a client's sign-ups by a keyed hash of the client, and
/// makes nobody a volunteer until the address's owner follows the emailed link.
extension Gate {
    /// The actor the log names for whoever uses the public form.
    static let volunteerForm = Actor(kind: .publicPage("volunteer form"), grants: [])

    /// Keeps `signUp` and queues its confirmation email; a problem with it, or a flood from
    /// `client`, is refused and recorded (naming fields, never values).
    public func signUpVolunteer(_ signUp: VolunteerSignUp, client: String, at instant: Timestamp = .now) async throws {
        let audit = AuditEvent(at: instant, actor: Self.volunteerForm, action: .volunteer, purpose: nil, detail: "volunteer sign-up")
        if let problem = VolunteerPolicy.problems(with: signUp).first {
            try await refuse(audit, by: Self.volunteerForm, why: problem, .invalidRequest(problem))
        }
        let clientHash = try envelope.keys.current.identifierHash("volunteer-client|" + client)
        let recent = try await store.volunteerSignUps(fromClient: clientHash, since: instant.adding(seconds: -VolunteerPolicy.floodWindow))
        guard recent < VolunteerPolicy.signUpsPerClient else {
            try await refuse(audit, by: Self.volunteerForm, why: "more than \(VolunteerPolicy.signUpsPerClient) sign-ups from one client in an hour",
                             .tooManyAttempts)
        }
        let (token, hash) = notices.token()
        let link = notices.volunteerLink(token)
        let email = QueuedEmail(to: signUp.email, subject: "Confirm you would like to volunteer", body: """
            Dear \(SafeText.line(signUp.forenames)),

            Thank you for offering to volunteer. To confirm, follow this link within 48 hours:

            \(link)

            If you did not fill in the volunteer form, ignore this email: nothing is kept unless the link is followed.
            """)
        let pending = PendingVolunteerSignUp(signUp: signUp, tokenHash: hash, clientHash: clientHash, createdAt: instant,
                                             expiresAt: instant.adding(seconds: VolunteerPolicy.confirmationSeconds))
        try await store.addVolunteerSignUp(pending, email: email, audit: audit)
    }

    /// Confirms the sign-up `tokenHash` names; an unknown or expired link is refused and recorded.
    public func confirmVolunteer(tokenHash: [UInt8], at instant: Timestamp = .now) async throws -> VolunteerConfirmation {
        let audit = AuditEvent(at: instant, actor: Self.volunteerForm, action: .volunteer, purpose: nil, detail: "volunteer sign-up confirmed")
        let codes = Dictionary(try await areas.allAreas().map { ($0.code, $0.id) }, uniquingKeysWith: { first, _ in first })
        guard let confirmation = try await store.confirmVolunteerSignUp(tokenHash: tokenHash, areas: codes, audit: audit) else {
            try await refuse(audit, by: Self.volunteerForm, why: "no unexpired sign-up has this link",
                             .notFound("this link has expired or was already used: fill in the form again"))
        }
        return confirmation
    }

    /// The volunteers of the areas under `area` (every area `actor` manages when `nil`) that
    /// `filter` admits.
    public func volunteers(in area: AreaID?, filter: VolunteerFilter = VolunteerFilter(), actor: Actor,
                           at instant: Timestamp = .now) async throws -> [Volunteer] {
        let audit = AuditEvent(at: instant, actor: actor, action: .read, purpose: Purpose.default(for: actor),
                               detail: "volunteers" + (area.map { " of area \($0)" } ?? "") + (filter.words.isEmpty ? "" : " (\(filter.words))"))
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        let within = area.map { root in Set(all.keys.filter { id in Area.chain(from: id, in: all).contains { $0.id == root } }) } ?? Set(all.keys)
        let managed = within.filter { OrganisingPolicy.mayOrganise(actor, areaChain: Set(Area.chain(from: $0, in: all).map(\.id))) }
        let allowed = if let area { OrganisingPolicy.mayOrganise(actor, areaChain: Set(Area.chain(from: area, in: all).map(\.id))) }
            else { OrganisingPolicy.organisesAnywhere(actor) }
        guard allowed else {
            try await refuse(audit, by: actor, why: "no organiser's grant over the area",
                             .forbidden("only organisers over an area see its volunteers"))
        }
        return try await store.volunteers(in: managed, unplaced: area == nil && OrganisingPolicy.mayOrganise(actor, areaChain: []), filter: filter,
                                          audit: audit)
    }

    /// Records `person`, whom an organiser met, as a volunteer in `area`, as active: by someone
    /// who organises the area, for a person who lives or is a member there. Anyone else is
    /// told the person was not found, as for a person who does not exist.
    public func recordVolunteer(_ person: PersonID, area: AreaID, skills: Set<VolunteerSkill>, availability: String, actor: Actor,
                                at instant: Timestamp = .now) async throws -> Volunteer {
        var audit = AuditEvent(at: instant, actor: actor, action: .volunteer, purpose: Purpose.default(for: actor),
                               detail: "volunteer \(person): recorded in area \(area)")
        audit.people = [person]
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        guard OrganisingPolicy.mayOrganise(actor, areaChain: Set(Area.chain(from: area, in: all).map(\.id))) else {
            try await refuse(audit, by: actor, why: "no organiser's grant over the area", .forbidden("only organisers over an area record its volunteers"))
        }
        guard try await store.isPlaced(person, within: [area]) else {
            try await refuse(audit, by: actor, why: "the person is not placed in the area", .notFound("no such person in that area"))
        }
        if let problem = VolunteerPolicy.problems(withAvailability: availability).first {
            try await refuse(audit, by: actor, why: problem, .invalidRequest(problem))
        }
        if try await store.volunteer(person) != nil {
            try await refuse(audit, by: actor, why: "a volunteer already", .conflict("this person is a volunteer already: change their skills instead"))
        }
        let volunteer = Volunteer(personID: person, name: "", areaID: area, status: .active, skills: skills, availability: availability,
                                  source: actor.label, createdAt: instant, updatedAt: instant)
        try await store.addVolunteer(volunteer, audit: audit)
        return try await store.volunteer(person) ?? volunteer
    }

    /// Changes a volunteer's status, skills, availability or account request through `change`;
    /// refused and recorded for a volunteer outside `actor`'s areas, a status move the policy
    /// forbids, or a `WardenError` `change` throws.
    public func changeVolunteer(_ person: PersonID, actor: Actor, at instant: Timestamp = .now, saying what: String,
                                _ change: (inout Volunteer) throws -> Void) async throws -> Volunteer {
        var audit = AuditEvent(at: instant, actor: actor, action: .volunteer, purpose: Purpose.default(for: actor),
                               detail: "volunteer \(person): \(what)")
        audit.people = [person]
        guard var volunteer = try await store.volunteer(person) else {
            try await refuse(audit, by: actor, why: "no such volunteer", .notFound("no volunteer \(person)"))
        }
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        guard OrganisingPolicy.mayOrganise(actor, areaChain: Set(Area.chain(from: volunteer.areaID, in: all).map(\.id))) else {
            try await refuse(audit, by: actor, why: "volunteer outside the actor's areas",
                             .forbidden("only organisers over the volunteer's area manage them"))
        }
        let before = volunteer.status
        do {
            try change(&volunteer)
        } catch let error as WardenError {
            try await refuse(audit, by: actor, why: error.description, error)
        }
        if volunteer.status != before, !VolunteerPolicy.mayMove(from: before, to: volunteer.status) {
            try await refuse(audit, by: actor, why: "status \(before.rawValue) cannot become \(volunteer.status.rawValue)",
                             .conflict("a \(before.rawValue) volunteer cannot become \(volunteer.status.rawValue)"))
        }
        if let problem = VolunteerPolicy.problems(withAvailability: volunteer.availability).first {
            try await refuse(audit, by: actor, why: problem, .invalidRequest(problem))
        }
        volunteer.updatedAt = instant
        try await store.updateVolunteer(volunteer, audit: audit)
        return volunteer
    }
}

extension Gate {
    /// Asks for a canvasser account for the volunteer `person`, as `username`: by an organiser
    /// over the volunteer's area, for a volunteer placed in an area and not lapsed. Nobody
    /// asks for their own. An administrator opens it (``canvasserAccountAsked(_:actor:)``).
    public func askForCanvasserAccount(_ person: PersonID, username: String, actor: Actor, at instant: Timestamp = .now) async throws -> Volunteer {
        // The log names the username only once it is one (typed text is not written to it).
        let named = Username.isValid(username) ? username : "(not a username)"
        return try await changeVolunteer(person, actor: actor, at: instant, saying: "canvasser account asked for as \(named)") { volunteer in
            guard Username.isValid(username) else {
                throw WardenError.invalidRequest("username: 3 to 64 letters, digits, dots, dashes or underscores")
            }
            guard let area = volunteer.areaID else {
                throw WardenError.conflict("choose the area this volunteer helps in before asking for their account")
            }
            guard volunteer.status != .lapsed else { throw WardenError.conflict("a lapsed volunteer is not given an account") }
            guard actor.personID != person else { throw WardenError.forbidden("nobody asks for their own account") }
            volunteer.accountAsked = CanvasserAccountAsk(username: username, askedBy: actor.label, askedAt: instant, areaID: area)
        }
    }

    /// The canvasser accounts organisers asked for, for an administrator: usernames, areas and
    /// who asked; never the volunteer's name, which an administrator has no grant to read.
    public func canvasserAccountAsks(actor: Actor) async throws -> [CanvasserAccountAsk] {
        guard AccessPolicy.mayAdministerAccounts(actor) else {
            try await refuse(AuditEvent(actor: actor, action: .refused, purpose: .accountAdministration, detail: "canvasser accounts asked for"),
                             by: actor, why: "not an administrator", .forbidden("only administrators open the accounts organisers ask for"))
        }
        return try await store.canvasserAccountAsks()
    }

    /// The volunteer and request behind the canvasser account asked for as `username`, for an
    /// administrator about to open it; refused and recorded for anyone else.
    public func canvasserAccountAsked(_ username: String, actor: Actor) async throws -> (person: PersonID, ask: CanvasserAccountAsk) {
        let audit = AuditEvent(actor: actor, action: .accountCreated, purpose: .accountAdministration,
                               detail: "canvasser account asked for as \(username)")
        guard AccessPolicy.mayAdministerAccounts(actor) else {
            try await refuse(audit, by: actor, why: "not an administrator", .forbidden("only administrators open the accounts organisers ask for"))
        }
        guard let volunteer = try await store.volunteer(askedAs: username), let ask = volunteer.accountAsked else {
            throw WardenError.notFound("no volunteer's account was asked for as \(username)")
        }
        return (volunteer.personID, ask)
    }

    /// Forgets the request for `person`'s account once it is opened (or refused).
    public func closeCanvasserAccountAsk(_ person: PersonID, opened: Bool, actor: Actor, at instant: Timestamp = .now) async throws {
        var audit = AuditEvent(at: instant, actor: actor, action: .volunteer, purpose: .accountAdministration,
                               detail: "volunteer \(person): canvasser account \(opened ? "opened" : "refused")")
        audit.people = [person]
        guard AccessPolicy.mayAdministerAccounts(actor) else {
            try await refuse(audit, by: actor, why: "not an administrator", .forbidden("only administrators open the accounts organisers ask for"))
        }
        guard var volunteer = try await store.volunteer(person) else { throw WardenError.notFound("no volunteer \(person)") }
        volunteer.accountAsked = nil
        volunteer.updatedAt = instant
        try await store.updateVolunteer(volunteer, audit: audit)
    }

    /// Deletes the sign-ups whose links expired unfollowed: what they held was never confirmed.
    public func expireVolunteerSignUps(at instant: Timestamp = .now) async throws -> Int {
        try await store.expireVolunteerSignUps(before: instant)
    }
}
