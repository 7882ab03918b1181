import Foundation
public import WardenCore
@_spi(Gate) public import WardenStore

/// Volunteers: the public form's sign-ups, their confirmation, and the organisers' lists and
/// changes (``VolunteerPolicy``). The form is open to anyone, so it answers alike whether or
/// not the address is known, counts a client's sign-ups by a keyed hash of the client, and
/// makes nobody a volunteer until the address's owner follows the emailed link.
extension Gate {
    /// The actor the log names for whoever uses the public form.
    static let volunteerForm = Actor(kind: .localOperator("volunteer form"), grants: [])

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

    /// The volunteers of the areas under `area` (every area `actor` manages when `nil`).
    public func volunteers(in area: AreaID?, actor: Actor, at instant: Timestamp = .now) async throws -> [Volunteer] {
        let audit = AuditEvent(at: instant, actor: actor, action: .read, purpose: Purpose.default(for: actor),
                               detail: "volunteers" + (area.map { " of area \($0)" } ?? ""))
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        let within = area.map { root in Set(all.keys.filter { id in Area.chain(from: id, in: all).contains { $0.id == root } }) } ?? Set(all.keys)
        let managed = within.filter { AreaOrganisers.mayManage(actor, areaChain: Set(Area.chain(from: $0, in: all).map(\.id))) }
        let allowed = if let area { AreaOrganisers.mayManage(actor, areaChain: Set(Area.chain(from: area, in: all).map(\.id))) }
            else { AreaOrganisers.managesAny(actor) }
        guard allowed else {
            try await refuse(audit, by: actor, why: "no organiser's grant over the area",
                             .forbidden("only organisers over an area see its volunteers"))
        }
        return try await store.volunteers(in: managed, unplaced: area == nil && AreaOrganisers.mayManage(actor, areaChain: []), audit: audit)
    }

    /// Changes a volunteer's status, skills or availability through `change`; refused and
    /// recorded for a volunteer outside `actor`'s areas or a status move the policy forbids.
    public func changeVolunteer(_ person: PersonID, actor: Actor, at instant: Timestamp = .now, saying what: String,
                                _ change: (inout Volunteer) throws -> Void) async throws -> Volunteer {
        var audit = AuditEvent(at: instant, actor: actor, action: .volunteer, purpose: Purpose.default(for: actor),
                               detail: "volunteer \(person): \(what)")
        audit.people = [person]
        guard var volunteer = try await store.volunteer(person) else {
            try await refuse(audit, by: actor, why: "no such volunteer", .notFound("no volunteer \(person)"))
        }
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        guard AreaOrganisers.mayManage(actor, areaChain: Set(Area.chain(from: volunteer.areaID, in: all).map(\.id))) else {
            try await refuse(audit, by: actor, why: "volunteer outside the actor's areas",
                             .forbidden("only organisers over the volunteer's area manage them"))
        }
        let before = volunteer.status
        try change(&volunteer)
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
    /// Deletes the sign-ups whose links expired unfollowed: what they held was never confirmed.
    public func expireVolunteerSignUps(at instant: Timestamp = .now) async throws -> Int {
        try await store.expireVolunteerSignUps(before: instant)
    }
}
