import Crypto
import Foundation
public import WardenCore
import WardenGate
import WardenStore

/// Accounts, their grants and their second factor: the administrator's work.
///
/// Every change is recorded. Roles above organiser wait for a second person's approval,
/// and nobody approves a grant they made or a grant to themselves.
public struct AccountService: Sendable {
    typealias Store = AccountStore & GrantStore & AreaStore & LogStore & KeyStore & CanvassPlanningStore
    let gate: Gate
    let store: any Store
    let hasher: PasswordHasher
    let keyRing: KeyRingSource

    /// Creates an account holding `grants`, granted by `actor`.
    ///
    /// Usernames are 3–64 letters, digits, dots, dashes or underscores; passwords at least 12 characters.
    public func create(
        username: String, password: String, grants: [GrantRequest], personID: PersonID? = nil, actor: Actor
    ) async throws -> AccountID {
        try await requireAdministrator(actor, doing: "create accounts")
        guard Username.isValid(username) else {
            throw WardenError.invalidRequest("username: 3 to 64 letters, digits, dots, dashes or underscores")
        }
        try PasswordRules.check(password)
        var reviewed: [GrantRequest] = []
        for grant in grants {
            try Self.check(grant)
            // A new account cannot be the actor's own, so only the area rules apply here.
            var request = try GrantPolicy.review(grant, holder: AccountID(rawValue: -1), holderName: username,
                                                 area: try await area(grant.scopeAreaID), by: actor).request
            if case .localOperator = actor.kind {} else { request.bootstrapApprovedBy = nil }
            reviewed.append(request)
        }
        let account = NewAccount(username: username, passwordHash: try hasher.hash(password), personID: personID,
                                 grants: reviewed, grantedBy: actor.label)
        return try await store.createAccount(account, audit: AuditEvent(
            actor: actor, action: .accountCreated, purpose: .accountAdministration,
            detail: "account \(username) with \(grants.map(\.role.rawValue).joined(separator: ","))"))
    }

    /// An administrator's reset of someone else's password: the new password is set, the
    /// account's authenticator and recovery codes are removed (enrol a new one with
    /// ``enrolSecondFactor(username:actor:)`` before a role above member can sign in), every
    /// session ends, and the DPO is alerted, since this is how an account would be taken over.
    /// Nobody resets their own: they change it, knowing the current one.
    public func resetPassword(username: String, to password: String, actor: Actor) async throws {
        try await requireAdministrator(actor, doing: "reset passwords")
        let account = try await accountID(username)
        let event = AuditEvent(actor: actor, action: .passwordReset, purpose: .accountAdministration,
                               detail: "password and second factor of \(username) reset; sessions ended")
        guard actor.accountID != account else {
            try await gate.refuse(event, by: actor, why: "a reset of one's own account",
                                  WardenError.forbidden("change your own password with your current one, not by a reset"))
        }
        try PasswordRules.check(password)
        try await store.setPassword(account, hash: try hasher.hash(password), forgetSecondFactor: true, audit: event,
                                    alert: AlertDraft(kind: .credentialReset, accountID: actor.accountID, actor: actor.label,
                                                      detail: "\(actor.label) reset the password and second factor of \(username)"))
    }

    /// How many accounts exist (an initialised database has at least its administrator).
    public func count() async throws -> Int {
        try await store.accountCount()
    }

    public func list(actor: Actor) async throws -> [AccountSummary] {
        try await requireAdministrator(actor, doing: "list accounts")
        return try await store.accounts()
    }

    /// Enrols (or replaces) the account's TOTP second factor. Returns the secret as an
    /// `otpauth://` URI and ten single-use recovery codes: show them once. Done by an
    /// administrator rather than the operator at the server, the DPO is alerted: whoever sees
    /// the new secret holds half of the account, as with a password reset.
    public func enrolSecondFactor(username: String, actor: Actor) async throws -> SecondFactorEnrolment {
        try await requireAdministrator(actor, doing: "enrol second factors")
        let account = try await accountID(username)
        let secret = TOTP.generateSecret()
        let codes = (0..<10).map { _ in Self.recoveryCode() }
        try await store.setSecondFactor(
            account, sealedSecret: try keyRing.seal(secret, context: Authentication.totpContext(account)),
            recoveryCodeHashes: codes.map { Authentication.hash($0) },
            audit: AuditEvent(actor: actor, action: .secondFactorEnrolled, purpose: .accountAdministration, detail: "account \(username)"),
            alert: actor.accountID == nil ? nil : AlertDraft(kind: .credentialReset, accountID: actor.accountID, actor: actor.label,
                                                             detail: "\(actor.label) set up a new authenticator for \(username)"))
        let totp = TOTP(secret: secret)
        return SecondFactorEnrolment(secret: Base32.encode(secret), uri: totp.provisioningURI(account: username), recoveryCodes: codes)
    }

    /// The account's current TOTP code. Only the local operator, who holds the key ring
    /// anyway, may ask: for demos and for an operator signing in on a user's behalf in tests.
    public func currentCode(username: String, actor: Actor) async throws -> String {
        guard case .localOperator = actor.kind else { throw WardenError.forbidden("only the server's operator can read second-factor codes") }
        let account = try await accountID(username)
        guard let sealed = try await store.credentials(username: username)?.sealedTOTPSecret else {
            throw WardenError.notFound("\(username) has no second factor enrolled")
        }
        let secret = try keyRing.open(sealed, context: Authentication.totpContext(account))
        return TOTP(secret: secret).code(at: Timestamp.now.secondsSince1970)
    }

    // MARK: Grants

    /// Grants `request` to `username`, as ``GrantPolicy`` allows: never a role that reads
    /// people to oneself, always an area for one that does. Roles above organiser and grants
    /// over the whole party stay pending until a second person approves them; a grant to
    /// oneself or over the whole party alerts the DPO.
    public func grant(_ request: GrantRequest, to username: String, actor: Actor) async throws -> Grant {
        try await requireAdministrator(actor, doing: "grant access")
        try Self.check(request)
        var request = request
        request.bootstrapApprovedBy = nil
        let account = try await accountID(username)
        let event = AuditEvent(actor: actor, action: .grantCreated, purpose: .accountAdministration,
                               detail: "\(request.role.rawValue) to \(username) for \(request.days) days")
        let area = try await area(request.scopeAreaID)
        let review: GrantPolicy.Review
        do throws(WardenError) {
            review = try GrantPolicy.review(request, holder: account, holderName: username, area: area, by: actor)
        } catch {
            let alert = actor.accountID == account ? "\(actor.label) tried to grant themselves \(request.role.rawValue)" : nil
            try await gate.refuse(event, by: actor, why: error.description,
                                  alert: alert.map { AlertDraft(kind: .grant, accountID: actor.accountID, actor: actor.label, detail: $0) }, error)
        }
        var recorded = event
        if review.request.needsApproval { recorded.detail += ", awaiting approval" }
        return try await store.createGrant(review.request, account: account, grantedBy: actor.label, audit: recorded,
                                           alert: review.alert.map { AlertDraft(kind: .grant, accountID: actor.accountID, actor: actor.label, detail: $0) })
    }

    /// Approves a pending grant: by an administrator or the DPO other than who made it and
    /// other than who holds it.
    public func approve(grant id: Int64, actor: Actor) async throws {
        guard GrantPolicy.mayApproveGrants(actor) else {
            try await gate.refuse(AuditEvent(actor: actor, action: .refused, purpose: .accountAdministration, detail: "not an administrator"),
                                  by: actor, why: "approve grants", WardenError.forbidden("only administrators and the data protection officer approve grants"))
        }
        guard let grant = try await store.grant(id) else { throw WardenError.notFound("no grant \(id)") }
        guard GrantPolicy.mayApprove(grant, actor: actor) else {
            try await gate.refuse(AuditEvent(actor: actor, action: .grantApproved, purpose: .accountAdministration, detail: "grant \(id)"),
                                  by: actor, why: "approval by someone other than a second administrator or the DPO",
                                  WardenError.forbidden("a grant needs a second person's approval (an administrator or the data protection officer): not its granter's, not its holder's"))
        }
        try await store.approveGrant(id, by: actor.label, at: .now, audit: AuditEvent(
            actor: actor, action: .grantApproved, purpose: .accountAdministration, detail: "grant \(id)"))
    }

    /// Revokes a grant; revoking a DPO's or an administrator's grant alerts the DPO.
    public func revoke(grant id: Int64, actor: Actor) async throws {
        try await requireAdministrator(actor, doing: "revoke grants")
        guard let grant = try await store.grant(id) else { throw WardenError.notFound("no grant \(id) in force") }
        let holder = try await store.accounts().first { $0.id == grant.accountID }?.username ?? "account \(grant.accountID)"
        try await store.revokeGrant(id, by: actor.label, at: .now, audit: AuditEvent(
            actor: actor, action: .grantRevoked, purpose: .accountAdministration, detail: "grant \(id)"),
            alert: GrantPolicy.revocationAlert(of: [grant], holderName: holder, by: actor).map {
                AlertDraft(kind: .grant, accountID: actor.accountID, actor: actor.label, detail: $0)
            })
    }

    /// Revokes every grant of `username` and ends their sessions at once.
    public func revokeAccess(username: String, actor: Actor) async throws {
        try await requireAdministrator(actor, doing: "revoke access")
        let account = try await accountID(username)
        let held = try await store.currentGrants(at: .now).filter { $0.grant.accountID == account }.map(\.grant)
        try await store.revokeAccess(account, by: actor.label, at: .now, audit: AuditEvent(
            actor: actor, action: .accessRevoked, purpose: .accountAdministration, detail: "account \(username)"),
            alert: GrantPolicy.revocationAlert(of: held, holderName: username, by: actor).map {
                AlertDraft(kind: .grant, accountID: actor.accountID, actor: actor.label, detail: $0)
            })
    }

    /// Grants not yet ended, pending ones included: for administrators, and for the DPO, who
    /// may approve them.
    public func grants(actor: Actor) async throws -> [GrantListing] {
        guard GrantPolicy.mayApproveGrants(actor) else {
            try await gate.refuse(AuditEvent(actor: actor, action: .refused, purpose: .accountAdministration, detail: "not an administrator"),
                                  by: actor, why: "list grants", WardenError.forbidden("only administrators and the data protection officer list grants"))
        }
        return try await store.currentGrants(at: .now)
    }

    /// Who can read the people of `areaCode` (or anyone), through which grant, until when.
    public func accessReport(areaID: AreaID?, actor: Actor) async throws -> [AccessReportLine] {
        guard AccessPolicy.mayReviewAudit(actor) || AccessPolicy.mayAdministerAccounts(actor) else {
            try await gate.refuse(AuditEvent(actor: actor, action: .refused, purpose: .dataProtection, detail: "access report"),
                                  by: actor, why: "not the data protection officer or an administrator",
                                  WardenError.forbidden("only the data protection officer and administrators see access reports"))
        }
        let areas = Dictionary(uniqueKeysWithValues: try await store.allAreas().map { ($0.id, $0) })
        let grants = try await store.currentGrants(at: .now).map { (grant: $0.grant, username: $0.username) }
        return AccessReport.lines(for: areaID, grants: grants, areas: areas, walkLists: try await walkLists(of: grants.map(\.grant)))
    }

    /// The walk lists that `grants` are scoped to, so a list grant is described by its list.
    public func walkLists(of grants: [Grant]) async throws -> [WalkListID: WalkList] {
        var lists: [WalkListID: WalkList] = [:]
        for id in Set(grants.compactMap(\.scopeWalkListID)) {
            lists[id] = try await store.walkList(id)
        }
        return lists
    }

    /// The newest audit events, for the DPO and the operator.
    public func recentAudit(actor: Actor, limit: Int = 50) async throws -> [AuditEvent] {
        try await gate.requireDataProtectionOfficer(actor, detail: "audit trail", "only the data protection officer sees the audit trail")
        return try await store.recentAuditEvents(limit: limit)
    }

    /// Where alerts are emailed.
    public func setDataProtectionEmail(_ address: String, actor: Actor) async throws {
        try await requireAdministrator(actor, doing: "set the DPO's address")
        guard ContactPoint.isPlausibleEmail(address) else { throw WardenError.invalidRequest("dpo email: not an email address") }
        try await store.setSetting("dpo_email", value: address)
    }

    func accountID(_ username: String) async throws -> AccountID {
        guard let id = try await store.accountID(username: username) else { throw WardenError.notFound("no account \(username)") }
        return id
    }

    func requireAdministrator(_ actor: Actor, doing what: String) async throws {
        guard AccessPolicy.mayAdministerAccounts(actor) else {
            try await gate.refuse(AuditEvent(actor: actor, action: .refused, purpose: .accountAdministration, detail: "not an administrator"),
                                  by: actor, why: what, WardenError.forbidden("only administrators can \(what)"))
        }
    }

    /// The area a grant names, as the store holds it; `nil` when it names none or none exists.
    func area(_ id: AreaID?) async throws -> Area? {
        guard let id else { return nil }
        return try await store.allAreas().first { $0.id == id }
    }

    /// Grant lengths: a day to a year, with a reason.
    static func check(_ request: GrantRequest) throws {
        guard (1...Role.maximumGrantDays).contains(request.days) else {
            throw WardenError.invalidRequest("days: a grant lasts 1 to \(Role.maximumGrantDays) days")
        }
        guard !request.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw WardenError.invalidRequest("reason: say why the grant is needed") }
    }

    static func recoveryCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let pick = { String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }) }
        return pick() + "-" + pick()
    }
}

/// A new second factor, shown once.
public struct SecondFactorEnrolment: Sendable, Codable {
    public var secret: String
    public var uri: String
    public var recoveryCodes: [String]
}
