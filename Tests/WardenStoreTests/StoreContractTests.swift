import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// The behaviour every store engine must have. Each test runs once per ``StoreEngine``.
@Suite("Store contract")
struct StoreContractTests {
    @Test(arguments: StoreEngine.allCases)
    func areasFormAHierarchyWithPartyUnitsAndCounts(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        #expect(try await store.saveAreas(Fixture.areas.reversed(), audit: Fixture.audit(.areasImported)) == 7)
        #expect(try await store.saveAreas(Fixture.areas, audit: Fixture.audit(.areasImported)) == 0)
        let areas = try await store.allAreas()
        let ward = try #require(areas.first { $0.code == "W1" })
        _ = try await store.importRegister(Fixture.lines([
            Fixture.entry("AA", 1, "Ann", "Lee", house: 1), Fixture.entry("AA", 2, "Bob", "Lee", house: 1),
            Fixture.entry("BA", 1, "Cat", "Ray", house: 2),
        ]), options: Fixture.options()) { _ in }
        let summary = try #require(try await store.areaSummary(ward.id))
        #expect(summary.ancestors.map(\.name) == ["England", "Region", "Constituency"])
        #expect(summary.children.map(\.name) == ["North AA"])
        #expect(summary.electors == 2)
        #expect(summary.households == 1)
    }

    @Test(arguments: StoreEngine.allCases)
    func aParentMustExist(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        await #expect(throws: StoreError.self) {
            try await store.saveAreas([AreaDefinition(level: .ward, code: "W", name: "W", parentCode: "nowhere")], audit: Fixture.audit())
        }
        #expect(try await store.allAreas().isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func aRenumberedRegisterKeepsEveryonesIdentity(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        let dob = CalendarDate(year: 1980, month: 5, day: 1)
        let first = try await store.importRegister(Fixture.lines([
            Fixture.entry("AA", 1, "Ann", "Lee", house: 1, dob: dob),
            Fixture.entry("AA", 2, "Bob", "Lee", house: 1),
            Fixture.entry("AA", 3, "Cat", "Ray", house: 2),
            Fixture.entry("AA", 4, "Dan", "Fox", house: 3),
        ]), options: Fixture.options()) { _ in }
        #expect(first.added == 4)
        let ann = try #require(try await Fixture.person(store, "AA-1"))
        let bob = try #require(try await Fixture.person(store, "AA-2"))
        let cat = try #require(try await Fixture.person(store, "AA-3"))

        // Next year: renumbered, Cat moved house, Dan left, Eve arrived, Bob's name spelt in capitals.
        let second = try await store.importRegister(Fixture.lines([
            Fixture.entry("AA", 1, "Eve", "New", house: 9),
            Fixture.entry("AA", 2, "Ann", "Lee", house: 5, dob: dob),
            Fixture.entry("AA", 3, "BOB", "LEE", house: 1),
            Fixture.entry("AA", 4, "Cat", "Ray", house: 7),
        ]), options: Fixture.options("register-2027.csv")) { _ in }
        #expect(second.added == 2)  // Eve, and Cat (moved with no date of birth to prove it is her)
        #expect(second.removed == 2)  // Dan, and Cat's old entry
        #expect(second.changed == 2)  // Ann renumbered and moved, Bob renumbered
        #expect(second.changes["renumbered"] == 2)
        #expect(try await Fixture.person(store, "AA-2")?.person.id == ann.person.id)
        #expect(try await Fixture.person(store, "AA-3")?.person.id == bob.person.id)
        #expect(try await Fixture.person(store, "AA-4")?.person.id != cat.person.id)
        #expect(try await store.counts().electors == 4)
    }

    @Test(arguments: StoreEngine.allCases)
    func anImportWithAProblemChangesNothing(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        var lines = Fixture.lines([
            Fixture.entry("AA", 1, "Ann", "Lee", house: 1),
            Fixture.entry("AA", 1, "Bob", "Lee", house: 1),
            Fixture.entry("ZZ", 2, "Cat", "Ray", house: 2),
        ])
        lines.append(ImportLine(line: 5, result: .problems([ImportProblem(file: "register.csv", line: 5, field: "x", problem: "bad")])))
        let report = try await store.importRegister(lines, options: Fixture.options()) { _ in }
        #expect(report.problems.map(\.description) == [
            "register.csv:3: elector number: appears more than once in this file",
            "register.csv:4: polling district: not a known polling district (import the areas first)",
            "register.csv:5: x: bad",
        ])
        #expect(try await store.counts() == StoreCounts(people: 0, electors: 0, households: 0, members: 0, areas: 7))
    }

    @Test(arguments: StoreEngine.allCases)
    func aDryRunReportsAndChangesNothing(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        let report = try await store.importRegister(Fixture.lines([Fixture.entry("AA", 1, "Ann", "Lee", house: 1)]),
                                                    options: Fixture.options(dryRun: true)) { _ in }
        #expect(report.added == 1)
        #expect(report.dryRun)
        #expect(try await store.counts().people == 0)
    }

    @Test(arguments: StoreEngine.allCases)
    func membersLinkToTheirElectorAndUpdateByNumber(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        _ = try await store.importRegister(Fixture.lines([Fixture.entry("AA", 1, "Ann", "Lee", house: 1)]),
                                           options: Fixture.options()) { _ in }
        let report = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", house: 1), Fixture.member("M2", "Zed", house: 4)])
        #expect(report.added == 2)
        #expect(report.linked == 1)
        let ann = try #require(try await Fixture.person(store, "AA-1"))
        #expect(ann.member?.membershipNumber == "M1")
        let full = try #require(try await store.readPeople(Fixture.read(.person(ann.person.id))).people.first?.record)
        #expect(full.contactPoints?.map(\.value) == ["ann@example.org"])
        #expect(full.member?.branchWardID == full.areas.first { $0.level == .ward }?.id)

        let second = try await Fixture.importMembers(store, [Fixture.member("M1", "Ann", status: .resigned, house: 1)])
        #expect(second.changed == 1)
        #expect(try await Fixture.person(store, "M1")?.member?.status == .resigned)
        #expect(try await store.counts().members == 2)
    }

    /// Entries appended on their own at once share commits (SQLite's group commit,
    /// PostgreSQL's batches): every one is stored with its people, and the log verifies.
    @Test(arguments: StoreEngine.allCases)
    func entriesAppendedAtOnceAreAllStoredAndTheLogVerifies(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 1...300 {
                group.addTask {
                    var event = Fixture.audit(.refused)
                    event.detail = "entry \(index)"
                    event.people = [PersonID(rawValue: Int64(index)), PersonID(rawValue: Int64(index + 1_000))]
                    try await store.append(event)
                }
            }
            try await group.waitForAll()
        }
        let stored = try await store.recentAuditEvents(limit: 400)
        #expect(Set(stored.map(\.detail)) == Set((1...300).map { "entry \($0)" }))
        #expect(stored.allSatisfy { $0.people.count == 2 })
        let log = try await store.integrateLog()
        #expect(log.size == 300)
        let report = try await store.verify(against: [TrustedCheckpoint(size: 300, rootHash: log.root, source: "the test")])
        #expect(report.isIntact, "\(report.findings)")
    }

    @Test(arguments: StoreEngine.allCases)
    func everyReadIsRecordedWithThePeopleRead(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        _ = try await store.importRegister(Fixture.lines([Fixture.entry("AA", 1, "Ann", "Lee", house: 1)]),
                                           options: Fixture.options()) { _ in }
        let found = try await store.readPeople(Fixture.read(.search(PeopleQuery(text: "ann lee"), .everyone)))
        #expect(found.people.count == 1)
        let events = try await store.recentAuditEvents(limit: 5)
        #expect(events.first?.action == .search)
        #expect(events.contains { $0.action == .import })
    }

    @Test(arguments: StoreEngine.allCases)
    func sessionsAreFoundByTokenHashAndEnd(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        let account = try await store.createAccount(
            NewAccount(username: "ann", passwordHash: "x", personID: nil,
                       grants: [GrantRequest(role: .organiser, scopeAreaID: nil, purpose: .campaignPlanning, reason: "test", days: 1)],
                       grantedBy: "test"), audit: Fixture.audit(.accountCreated))
        await #expect(throws: StoreError.self) {
            _ = try await store.createAccount(NewAccount(username: "ann", passwordHash: "y", personID: nil, grants: [], grantedBy: "t"),
                                              audit: Fixture.audit())
        }
        let now = Timestamp.now
        #expect(try await store.activeGrants(account, at: now).map(\.role) == [.organiser])
        #expect(try await store.activeGrants(account, at: now.adding(days: 2)).isEmpty)
        let hash: [UInt8] = Array(repeating: 7, count: 32)
        try await store.createSession(NewSession(accountID: account, tokenHash: hash, csrfToken: "c", createdAt: now,
                                                 expiresAt: now.adding(seconds: 60)), audit: Fixture.audit(.signIn))
        #expect(try await store.accessContext(tokenHash: hash, seenAt: now)?.session.username == "ann")
        #expect(try await store.accessContext(tokenHash: hash, seenAt: now)?.grants.map(\.role) == [.organiser])
        #expect(try await store.accessContext(tokenHash: Array(repeating: 8, count: 32), seenAt: now) == nil)
        try await store.endSession(tokenHash: hash, at: now, audit: Fixture.audit(.signOut))
        #expect(try await store.accessContext(tokenHash: hash, seenAt: now)?.session.endedAt != nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func searchesStayInsideTheirScope(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        _ = try await store.importRegister(Fixture.lines([
            Fixture.entry("AA", 1, "Ann", "Lee", house: 1), Fixture.entry("BA", 1, "Bob", "Lee", house: 2),
        ]), options: Fixture.options()) { _ in }
        let north = try #require(try await store.allAreas().first { $0.code == "W1" })
        let scope = PeopleScope(everyone: false, areas: [north.id], people: [])
        let found = try await store.readPeople(Fixture.read(.search(PeopleQuery(text: "lee"), scope)))
        #expect(found.people.map(\.record.person.name.forenames) == ["Ann"])
        let nobody = try await store.readPeople(Fixture.read(.search(PeopleQuery(text: "lee"), .nobody)))
        #expect(nobody.people.isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func aReadOutsideTheDecisionIsRefusedRecordedAndAlerted(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        _ = try await store.importRegister(Fixture.lines([Fixture.entry("AA", 1, "Ann", "Lee", house: 1)]), options: Fixture.options()) { _ in }
        let ann = try #require(try await Fixture.person(store, "AA-1"))
        var read = Fixture.read(.person(ann.person.id), accountID: AccountID(7))
        read.decide = { _ in [] }
        let result = try await store.readPeople(read)
        #expect(result.outcome == .outOfScope)
        #expect(result.people.isEmpty)
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.outOfScope])
        #expect(try await store.recentAuditEvents(limit: 1).first?.outcome == .refused)
        let missing = try await store.readPeople(Fixture.read(.person(PersonID(999))))
        #expect(missing.outcome == .notFound)
    }

    @Test(arguments: StoreEngine.allCases)
    func theBudgetCountsDistinctPeopleAndStopsAtItsLimit(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit())
        _ = try await store.importRegister(Fixture.lines((1...5).map { Fixture.entry("AA", $0, "P\($0)", "Lee", house: $0) }),
                                           options: Fixture.options()) { _ in }
        let account = AccountID(3)
        let search = PeopleQuery(text: "lee")
        let first = try await store.readPeople(Fixture.read(.search(search, .everyone), budget: 6, accountID: account))
        #expect(first.outcome == .allowed)
        #expect(first.budgetUsed == 5)
        let again = try await store.readPeople(Fixture.read(.search(search, .everyone), budget: 6, accountID: account))
        #expect(again.budgetUsed == 5)  // the same people again cost nothing
        _ = try await store.importRegister(Fixture.lines((1...7).map { Fixture.entry("AA", $0, "P\($0)", "Lee", house: $0) }),
                                           options: Fixture.options("register-2.csv")) { _ in }
        let over = try await store.readPeople(Fixture.read(.search(search, .everyone), budget: 6, accountID: account))
        #expect(over.outcome == .overBudget)
        #expect(over.people.isEmpty)
        #expect(try await store.alerts(all: false, limit: 5).map(\.kind) == [.budgetExhausted])
    }

    @Test(arguments: StoreEngine.allCases)
    func alertsQueueAnEmailToTheDPOWithoutPersonalData(engine: StoreEngine) async throws {
        let store = try await engine.makeStore()
        try await store.setSetting("dpo_email", value: "dpo@example.org")
        try await store.raise(AlertDraft(kind: .failedSignIns, accountID: nil, actor: "client 10.0.0.1", detail: "5 failed sign-ins"),
                              audit: Fixture.audit(.refused))
        let alerts = try await store.alerts(all: false, limit: 5)
        #expect(alerts.count == 1)
        let id = try #require(alerts.first?.id)
        #expect(try await store.acknowledgeAlert(id, by: "dpo", audit: Fixture.audit(.alertAcknowledged)))
        #expect(try await store.alerts(all: false, limit: 5).isEmpty)
        #expect(try await store.alerts(all: true, limit: 5).first?.acknowledgedBy == "dpo")
    }
}
