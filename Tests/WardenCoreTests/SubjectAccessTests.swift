import Testing
import WardenCore

@Suite("Subject access: deadlines and the case's lifecycle")
struct SubjectAccessTests {
    func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    func received(_ text: String, state: SubjectAccessState = .received, subjects: [PersonID] = []) -> SubjectAccessCase {
        SubjectAccessCase(id: SubjectAccessCaseID(7), requester: "Ann Lee", channel: .email, receivedOn: date(text), openedBy: "dpo",
                          openedAt: Timestamp(iso8601: "\(text)T09:00:00Z")!, state: state, subjects: subjects)
    }

    @Test(arguments: [
        ("2025-01-31", "2025-02-28"),  // no 31 February: the month's last day (a Friday)
        ("2028-01-31", "2028-02-29"),  // a leap year (a Tuesday)
        ("2026-01-31", "2026-03-02"),  // 28 February 2026 is a Saturday: the next working day
        ("2026-03-03", "2026-04-03"),  // the corresponding date
        ("2026-12-31", "2027-02-01"),  // into a new year: 31 January 2027 is a Sunday
    ])
    func theAnswerIsDueOneCalendarMonthLaterOnAWorkingDay(receivedOn: String, due: String) {
        #expect(SubjectAccessDeadline.due(received: date(receivedOn)) == date(due))
        #expect(received(receivedOn).dueOn == date(due))
    }

    @Test func anExtensionAddsUpToTwoMonthsFromReceipt() throws {
        #expect(SubjectAccessDeadline.due(received: date("2025-01-31"), extensionMonths: 2) == date("2025-04-30"))
        let at = Timestamp(iso8601: "2025-02-10T12:00:00Z")!
        let extended = try SubjectAccessLifecycle.apply(
            .extend(months: 2, reason: "ten years of records", requesterToldOn: date("2025-02-10")), to: received("2025-01-31"), by: "dpo", at: at)
        #expect(extended.dueOn == date("2025-04-30"))
        #expect(extended.extended?.reason == "ten years of records")
        #expect(throws: WardenError.conflict("case 7 has already been extended")) {
            try SubjectAccessLifecycle.apply(.extend(months: 1, reason: "again", requesterToldOn: date("2025-02-10")), to: extended, by: "dpo", at: at)
        }
    }

    @Test func anExtensionIsRefusedWhenTooLongOrToldTooLate() {
        let open = received("2025-01-31")
        let later = Timestamp(iso8601: "2025-03-10T12:00:00Z")!
        #expect(throws: WardenError.invalidRequest("months: 1 or 2")) {
            try SubjectAccessLifecycle.apply(.extend(months: 3, reason: "big", requesterToldOn: date("2025-02-01")), to: open, by: "dpo", at: later)
        }
        #expect(throws: WardenError.invalidRequest("told: the requester must be told of an extension within the first month (by 2025-02-28)")) {
            try SubjectAccessLifecycle.apply(.extend(months: 1, reason: "big", requesterToldOn: date("2025-03-03")), to: open, by: "dpo", at: later)
        }
        #expect(throws: WardenError.invalidRequest("told: between the date received and today")) {
            try SubjectAccessLifecycle.apply(.extend(months: 1, reason: "big", requesterToldOn: date("2025-03-11")), to: open, by: "dpo", at: later)
        }
    }

    /// Every step from every state: exactly the moves the diagram allows succeed.
    @Test func onlyTheLifecyclesMovesAreAllowed() throws {
        let at = Timestamp(iso8601: "2025-02-01T12:00:00Z")!
        let steps: [(String, SubjectAccessLifecycle.Step)] = [
            ("verify", .verifyIdentity(method: "email on record")), ("confirm", .confirmSubjects([PersonID(1)])), ("prepare", .prepare),
            ("extend", .extend(months: 1, reason: "complex", requesterToldOn: date("2025-02-01"))), ("send", .send(how: "by post")),
            ("refuse", .refuse(.manifestlyExcessive, reason: "third identical request this month")), ("close", .close),
        ]
        let allowed: [SubjectAccessState: Set<String>] = [
            .received: ["verify", "confirm", "extend", "refuse"],
            .identityVerified: ["confirm", "prepare", "extend", "refuse"],
            .inPreparation: ["confirm", "extend", "send", "refuse"],
            .sent: ["close"], .refused: ["close"], .closed: [],
        ]
        for state in SubjectAccessState.allCases {
            for (name, step) in steps {
                let case_ = received("2025-01-31", state: state, subjects: [PersonID(1)])
                let moved = Result { try SubjectAccessLifecycle.apply(step, to: case_, by: "dpo", at: at) }
                let succeeded = (try? moved.get()) != nil
                #expect(succeeded == allowed[state]!.contains(name), "\(name) from \(state)")
            }
        }
    }

    @Test func eachMoveRecordsWhatItSays() throws {
        let at = Timestamp(iso8601: "2025-02-01T12:00:00Z")!
        var case_ = received("2025-01-31")
        case_ = try SubjectAccessLifecycle.apply(.verifyIdentity(method: "  replied from the email on record "), to: case_, by: "dpo", at: at)
        #expect(case_.state == .identityVerified)
        #expect(case_.identityCheck == .init(method: "replied from the email on record", by: "dpo", at: at))
        #expect(throws: WardenError.conflict("case 7: confirm whose records it covers before preparing the answer")) {
            try SubjectAccessLifecycle.apply(.prepare, to: case_, by: "dpo", at: at)
        }
        case_ = try SubjectAccessLifecycle.apply(.confirmSubjects([PersonID(9), PersonID(3), PersonID(9)]), to: case_, by: "dpo", at: at)
        #expect(case_.subjects == [PersonID(3), PersonID(9)])
        case_ = try SubjectAccessLifecycle.apply(.prepare, to: case_, by: "dpo", at: at)
        case_ = try SubjectAccessLifecycle.apply(.send(how: "sealed download link"), to: case_, by: "dpo", at: at)
        #expect(case_.state == .sent && case_.outcome == "sealed download link" && !case_.awaitsAnswer)
        case_ = try SubjectAccessLifecycle.apply(.close, to: case_, by: "dpo", at: at)
        #expect(case_.state == .closed && case_.closedAt == at)
        #expect(throws: WardenError.conflict("case 7 is closed: too late or too early to close it")) {
            try SubjectAccessLifecycle.apply(.close, to: case_, by: "dpo", at: at)
        }
    }

    @Test func emptyOrControlTextIsRefusedAndTheRestNeutralised() throws {
        let at = Timestamp(iso8601: "2025-02-01T12:00:00Z")!
        #expect(throws: WardenError.invalidRequest("method: say it in 1 to 500 characters")) {
            try SubjectAccessLifecycle.apply(.verifyIdentity(method: "   "), to: received("2025-01-31"), by: "dpo", at: at)
        }
        #expect(throws: WardenError.invalidRequest("reason: say it in 1 to 500 characters")) {
            try SubjectAccessLifecycle.apply(.refuse(.exemption, reason: String(repeating: "x", count: 501)), to: received("2025-01-31"), by: "dpo", at: at)
        }
        let refused = try SubjectAccessLifecycle.apply(.refuse(.exemption, reason: "crime \u{1B}[2J"), to: received("2025-01-31"), by: "dpo", at: at)
        #expect(refused.outcome?.contains("\u{1B}") == false)
    }

    @Test func aCaseWarnsAWeekAheadAndWhenOverdueOncePerDueDate() throws {
        var case_ = received("2026-03-03")  // due 2026-04-03
        #expect(case_.dueAlert(on: date("2026-03-26")) == nil)  // 8 days left
        #expect(case_.dueAlert(on: date("2026-03-27")) == .dueSoon)
        case_.warnedFor = case_.dueOn
        #expect(case_.dueAlert(on: date("2026-04-03")) == nil)  // due today: warned already
        #expect(case_.dueAlert(on: date("2026-04-04")) == .overdue)
        case_.overdueAlertedFor = case_.dueOn
        #expect(case_.dueAlert(on: date("2026-05-01")) == nil)
        #expect(case_.daysLeft(on: date("2026-05-01")) == -28)

        case_.extended = SubjectAccessExtension(months: 1, reason: "complex", requesterToldOn: date("2026-03-20"))  // due 2026-05-04
        #expect(case_.dueAlert(on: date("2026-04-04")) == nil)
        #expect(case_.dueAlert(on: date("2026-04-27")) == .dueSoon)
        case_.state = .sent
        #expect(case_.dueAlert(on: date("2026-06-01")) == nil)
    }

    @Test func aDataProtectionOfficersGrantServesSubjectAccessAndNoOtherDoes() {
        let now = Timestamp.now
        func grant(_ role: Role, _ purpose: Purpose) -> Grant {
            Grant(id: 1, accountID: AccountID(1), role: role, scopeAreaID: nil, purpose: purpose, grantedBy: "x", reason: "x",
                  startsAt: now, expiresAt: now.adding(days: 1))
        }
        #expect(AccessPolicy.serves(grant(.dataProtectionOfficer, .dataProtection), .subjectAccess))
        #expect(!AccessPolicy.serves(grant(.organiser, .campaignPlanning), .subjectAccess))
        #expect(!AccessPolicy.serves(grant(.membershipSecretary, .membershipAdministration), .subjectAccess))
        #expect(!AccessPolicy.serves(grant(.dataProtectionOfficer, .dataProtection), .canvassing))
        let dpo = Actor(kind: .account(AccountID(1), username: "dpo"), grants: [grant(.dataProtectionOfficer, .dataProtection)])
        let organiser = Actor(kind: .account(AccountID(2), username: "org"), grants: [grant(.organiser, .campaignPlanning)])
        #expect(AccessPolicy.searchScope(for: dpo, purpose: .subjectAccess).everyone)
        #expect(AccessPolicy.searchScope(for: organiser, purpose: .subjectAccess).isEmpty)
    }

    @Test func aSearchTakesExactlyOneFactBesidesTheName() throws {
        #expect(try PeopleQuery.Confirming(postcode: "tn1 1aa", dateOfBirth: nil, email: nil, phone: nil) == .postcode("TN1 1AA"))
        #expect(try PeopleQuery.Confirming(postcode: nil, dateOfBirth: "29/02/1980", email: nil, phone: "") == .dateOfBirth(date("1980-02-29")))
        #expect(try PeopleQuery.Confirming(postcode: nil, dateOfBirth: nil, email: " Ann@Example.org", phone: nil) == .email("ann@example.org"))
        #expect(try PeopleQuery.Confirming(postcode: nil, dateOfBirth: nil, email: nil, phone: "+44 7700 900001") == .phone("07700900001"))
        #expect(throws: WardenError.invalidRequest("postcode, born, email, phone: give exactly one besides the name")) {
            try PeopleQuery.Confirming(postcode: nil, dateOfBirth: nil, email: nil, phone: nil)
        }
        #expect(throws: WardenError.invalidRequest("postcode, born, email, phone: give exactly one besides the name")) {
            try PeopleQuery.Confirming(postcode: "TN1 1AA", dateOfBirth: "1980-01-01", email: nil, phone: nil)
        }
        #expect(throws: WardenError.invalidRequest("born: a date such as 1980-02-29")) {
            try PeopleQuery.Confirming(postcode: nil, dateOfBirth: "last spring", email: nil, phone: nil)
        }
        #expect(throws: WardenError.invalidRequest("postcode: not a UK postcode")) {
            try PeopleQuery.Confirming(postcode: "12345", dateOfBirth: nil, email: nil, phone: nil)
        }
    }
}

@Suite("Self-service: resigning one's own membership")
struct SelfServicePolicyTests {
    @Test func aMemberMayResignTheirOwnMembershipAndNothingElse() {
        let now = Timestamp.now
        let grant = Grant(id: 1, accountID: AccountID(1), role: .member, scopeAreaID: nil, purpose: .selfService, grantedBy: "x", reason: "x",
                          startsAt: now, expiresAt: now.adding(days: 1))
        let ann = Actor(kind: .account(AccountID(1), username: "ann"), grants: [grant], personID: PersonID(1))
        let own = Placement(person: PersonID(1), areas: [], isElector: true, isMember: true)
        let other = Placement(person: PersonID(2), areas: [], isElector: true, isMember: true)
        #expect(AccessPolicy.membershipChangeGrant(of: own, actor: ann, event: .resigned) == grant)
        #expect(AccessPolicy.membershipChangeGrant(of: other, actor: ann, event: .resigned) == nil)
        #expect(AccessPolicy.membershipChangeGrant(of: own, actor: ann, event: .reinstated) == nil)
        #expect(AccessPolicy.membershipChangeGrant(of: own, actor: ann, event: .paymentReceived) == nil)
        #expect(AccessPolicy.mayChangeMemberships(ann, event: .resigned))
        #expect(!AccessPolicy.mayChangeMemberships(ann, event: .suspended))
    }
}

@Suite("Subject access: who may take a package")
struct SubjectAccessPackagePolicyTests {
    func actor(_ role: Role, _ purpose: Purpose, person: Int64?) -> Actor {
        let now = Timestamp.now
        let grant = Grant(id: 1, accountID: AccountID(1), role: role, scopeAreaID: nil, purpose: purpose, grantedBy: "x", reason: "x",
                          startsAt: now, expiresAt: now.adding(days: 1))
        return Actor(kind: .account(AccountID(1), username: "someone"), grants: [grant], personID: person.map(PersonID.init(rawValue:)))
    }

    @Test func theOfficerTakesAnyConfirmedRecordsAndAMemberOnlyTheirOwn() {
        let one = [PersonID(1)]
        #expect(AccessPolicy.mayTakeSubjectAccessPackage(of: [PersonID(1), PersonID(2)], actor: actor(.dataProtectionOfficer, .dataProtection, person: nil)))
        #expect(!AccessPolicy.mayTakeSubjectAccessPackage(of: [], actor: actor(.dataProtectionOfficer, .dataProtection, person: nil)))
        #expect(AccessPolicy.mayTakeSubjectAccessPackage(of: one, actor: actor(.member, .selfService, person: 1)))
        #expect(!AccessPolicy.mayTakeSubjectAccessPackage(of: [PersonID(2)], actor: actor(.member, .selfService, person: 1)))
        #expect(!AccessPolicy.mayTakeSubjectAccessPackage(of: [PersonID(1), PersonID(2)], actor: actor(.member, .selfService, person: 1)))
        #expect(!AccessPolicy.mayTakeSubjectAccessPackage(of: one, actor: actor(.organiser, .campaignPlanning, person: 1)))
        #expect(!AccessPolicy.mayTakeSubjectAccessPackage(of: one, actor: actor(.membershipSecretary, .membershipAdministration, person: 1)))
        #expect(AccessPolicy.mayTakeSubjectAccessPackage(of: one, actor: Actor(kind: .localOperator("op"), grants: [])))
    }
}
