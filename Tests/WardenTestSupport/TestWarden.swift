public import Foundation
public import WardenCore
public import WardenMail
public import WardenServices

/// A throwaway Warden in a temporary directory: a real database (a SQLite file, or a PostgreSQL
/// database of its own: ``TestEngine``) and key ring, with a cheap password hash so tests stay fast.
public struct TestWarden: Sendable {
    public let warden: Warden
    public let directory: URL

    public static let password = "correct horse battery"

    /// A new, initialised Warden whose administrator is `admin`.
    public static func make(
        administratorPassword: String = password, budgets: [Role: Int] = [:], mailRelay: SMTPRelay? = nil, watchLimits: WatchLimits = WatchLimits(),
        engine: TestEngine = .current, database: String? = nil, publicURL: String? = nil
    ) async throws -> TestWarden {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = WardenConfiguration(
            databasePath: try database ?? engine.newDatabase(in: directory),
            keyRingPath: directory.appendingPathComponent("warden.keyring").path, passwordHasher: PasswordHasher(logRounds: 4),
            budgets: budgets, witnessDirectory: directory.appendingPathComponent("warden.witness").path, mailRelay: mailRelay)
        configuration.watchLimits = watchLimits
        if let publicURL { configuration.publicURL = publicURL }
        let warden = try await Warden.initialise(configuration, administrator: "admin", password: administratorPassword)
        _ = try await warden.accounts.enrolSecondFactor(username: "admin", actor: .localOperator)
        return TestWarden(warden: warden, directory: directory)
    }

    /// Another Warden server on the same database, as a second machine would run one: the
    /// same key ring, a witness directory of its own. (Several servers share a database on
    /// PostgreSQL; on SQLite the file belongs to one.)
    public func secondServer(_ name: String = "second") async throws -> Warden {
        var configuration = warden.configuration
        configuration.witnessDirectory = directory.appendingPathComponent("\(name).witness").path
        return try await Warden.open(configuration)
    }

    /// The account's current second-factor code, read as the operator.
    public func code(_ username: String) async throws -> String {
        try await warden.accounts.currentCode(username: username, actor: .localOperator)
    }

    /// Signs in with the test password and, where the account has one, its current code.
    public func signIn(_ username: String, password: String = password) async throws -> Authentication.SignedIn {
        let code = try? await code(username)
        return try await warden.authentication.signIn(username: username, password: password, secondFactor: code)
    }

    /// Runs `sql` on the database with the engine's own client (`sqlite3`, `psql`), behind
    /// Warden's back, as an intruder (or the passing of time) would.
    public func sql(_ sql: String) throws {
        _ = try sqlValues(sql)
    }

    /// Runs `sql` as ``sql(_:)`` does and returns each output line.
    public func sqlValues(_ sql: String) throws -> [String] {
        try warden.configuration.testEngine.run(sql, on: warden.configuration.databasePath)
    }

    /// Writes `text` to a file in the test's directory and returns its path.
    public func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Two wards with one polling district each: North (AA) and South (BA).
    public func loadAreas() async throws {
        let path = try write("areas.csv", """
            level,code,name,parent
            nation,E,England,
            region,R,Region,E
            constituency,C,Fellwick,R
            ward,W1,North Ward,C
            ward,W2,South Ward,C
            polling_district,AA,North AA,W1
            polling_district,BA,South BA,W2
            """)
        _ = try await warden.areas.importAreas(path: path, actor: .localOperator)
    }

    /// A small EMS register: four electors in two households, an anonymous entry and an overseas elector.
    public func loadRegister() async throws {
        let path = try write("register.csv", """
            Elector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,Elector Surname,Elector Forename,PostCode,Address1,Address2
            AA,1,,,,Lee,Ann,TN1 1AA,1 Mill Lane,Town
            AA,2,,,,Lee,Bob,TN1 1AA,1 Mill Lane,Town
            AA,3,,N,,,,,,
            AA,4,,F,,Fox,Dan,,,
            BA,1,,,,Ray,Cat,TN2 2BB,"Flat 2, 5 High Street",Town
            """)
        _ = try await warden.imports.importRegister(path: path, actor: .localOperator)
    }

    /// Ann Lee (North) and Cat Ray (South) as members with emails and dues.
    public func loadMembers() async throws {
        let path = try write("members.csv", """
            Membership Number,First Name,Surname,Email,Mobile,Address 1,Postcode,Status,Joined,Branch,Dues
            M1,Ann,Lee,ann@example.org,07700 900001,1 Mill Lane,TN1 1AA,Active,2019-01-01,W1,4.50
            M2,Cat,Ray,cat@example.org,,"Flat 2, 5 High Street",TN2 2BB,Active,2020-01-01,W2,4.50
            """)
        _ = try await warden.imports.importMembers(path: path, actor: .localOperator)
    }

    /// An account holding one role over the area with `areaCode` (or no scope), already
    /// approved, with a second factor enrolled when the role needs one; optionally the
    /// account of the member with `membershipNumber`.
    public func account(_ username: String, _ role: Role, areaCode: String? = nil, membershipNumber: String? = nil) async throws {
        let area = try await warden.areas.all().first { $0.code == areaCode }?.id
        var person: PersonID?
        if let membershipNumber {
            person = try await warden.people.search(PeopleQuery(text: membershipNumber), actor: .localOperator, purpose: .accountAdministration).value.first?.id
        }
        _ = try await warden.accounts.create(
            username: username, password: Self.password,
            grants: [GrantRequest(role: role, scopeAreaID: area, purpose: .usual(for: role), reason: "test", bootstrapApprovedBy: "test setup")],
            personID: person, actor: .localOperator)
        if role.needsSecondFactor {
            _ = try await warden.accounts.enrolSecondFactor(username: username, actor: .localOperator)
        }
    }
}
