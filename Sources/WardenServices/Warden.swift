import Foundation
public import WardenCore
public import WardenGate
public import WardenMail
import WardenStore

/// Where a Warden lives: its database file and its key ring (kept apart on purpose).
public struct WardenConfiguration: Sendable {
    public var databasePath: String
    public var keyRingPath: String
    public var passwordHasher: PasswordHasher
    public var sessionPolicy: SessionPolicy
    /// Per-role daily read budgets that replace the defaults of ``AccessPolicy/dailyBudget(for:)``.
    public var budgets: [Role: Int]
    /// Where signed checkpoints are written, outside the database, for witnesses to keep:
    /// `warden.sqlite` → `warden.witness/` (see ``besideDatabase(_:extension:)``).
    public var witnessDirectory: String
    /// The address members reach this server at, for the links in change notices.
    public var publicURL: String
    /// The SMTP relay the outbox delivers through; `nil` keeps mail queued.
    public var mailRelay: SMTPRelay?
    /// When contact changes alert the DPO (``ActivityWatch``); the defaults suit most parties.
    public var watchLimits = WatchLimits()

    /// The key ring defaults to a file beside the database: `warden.sqlite` → `warden.keyring`.
    /// `databasePath` is a file's path or a `postgres://` URL.
    public init(databasePath: String, keyRingPath: String? = nil, passwordHasher: PasswordHasher = PasswordHasher(),
                sessionPolicy: SessionPolicy = SessionPolicy(), budgets: [Role: Int] = [:], witnessDirectory: String? = nil,
                publicURL: String = "http://127.0.0.1:8080", mailRelay: SMTPRelay? = nil) {
        self.budgets = budgets
        self.witnessDirectory = witnessDirectory ?? Self.besideDatabase(databasePath, extension: "witness")
        self.publicURL = publicURL
        self.mailRelay = mailRelay
        self.databasePath = databasePath
        self.keyRingPath = keyRingPath ?? Self.defaultKeyRingPath(for: databasePath)
        self.passwordHasher = passwordHasher
        self.sessionPolicy = sessionPolicy
    }

    public static func defaultKeyRingPath(for databasePath: String) -> String {
        besideDatabase(databasePath, extension: "keyring")
    }
}

/// An open Warden: the services, each going through the Gate to the store.
///
/// The web server and the CLI hold one of these and nothing below it; they never see the
/// store, so every path to personal data is mediated.
public final class Warden: Sendable {
    public let people: PeopleService
    public let areas: AreaService
    public let imports: ImportService
    public let accounts: AccountService
    public let alerts: AlertService
    public let authentication: Authentication
    public let log: LogService
    public let investigations: InvestigationService
    public let rollback: RollbackService
    public let notices: NoticeService
    public let canvass: CanvassService
    public let keys: KeyService
    public let subjectAccess: SubjectAccessService
    public let erasures: ErasureService
    public let retention: RetentionService
    public let incidents: IncidentService
    public let backups: BackupService
    public let exports: ExportService
    public let ballots: BallotService
    public let mailings: MailingService
    public let suppression: SuppressionService
    public let volunteers: VolunteerService
    public let events: EventService
    /// Whether the database file is still sound (``DatabaseHealth``).
    public let health: DatabaseHealth
    public let keyRing: KeyRing
    public let configuration: WardenConfiguration
    /// Transactions the store has run since it opened, for `/metrics` and the unit-of-work tests.
    public var transactions: TransactionCounts { store.transactions }
    private let store: any WardenStore

    /// Lets go of the database: a stopping server hands the sequencer's role on at once
    /// rather than when PostgreSQL notices its connection gone.
    public func close() async {
        await store.close()
    }

    /// Opens an initialised Warden.
    public static func open(_ configuration: WardenConfiguration) async throws -> Warden {
        guard let store = try await configuration.existingStore() else {
            throw WardenError.invalidRequest("\(configuration.shownDatabase): no database here (run `warden init` first, or pass --db)")
        }
        let keyRing = try KeyRing.load(from: configuration.keyRingPath)
        return Warden(store: store, keyRing: keyRing, configuration: configuration)
    }

    /// Creates a new database and key ring, and the first administrator's account.
    public static func initialise(
        _ configuration: WardenConfiguration, administrator username: String, password: String
    ) async throws -> Warden {
        guard try await configuration.isVacant() else {
            throw WardenError.conflict("\(configuration.shownDatabase): a database already exists")
        }
        let keyRing = KeyRing.generate()
        try keyRing.create(at: configuration.keyRingPath)
        let store = try await configuration.openStore()
        let warden = Warden(store: store, keyRing: keyRing, configuration: configuration)
        _ = try await warden.accounts.create(
            username: username, password: password,
            grants: [GrantRequest(role: .administrator, scopeAreaID: nil, purpose: .accountAdministration,
                                  reason: "first administrator, created by warden init", days: 365, bootstrapApprovedBy: "warden init")],
            actor: .localOperator)
        return warden
    }

    private init(store: any WardenStore, keyRing: KeyRing, configuration: WardenConfiguration) {
        self.keyRing = keyRing
        self.configuration = configuration
        self.store = store
        let source = KeyRingSource(ring: keyRing, path: configuration.keyRingPath)
        let base = configuration.publicURL
        let noticeLinks = NoticeMaker(
            token: { let token = Authentication.randomToken(); return (token, Authentication.hash(token)) },
            link: { base + "/notices/" + $0 }, holdLink: { base + "/contact-holds/" + $0 },
            unsubscribeLink: { base + "/unsubscribe/" + $0 }, volunteerLink: { base + "/volunteer/confirm/" + $0 },
            eventLink: { base + "/events/rsvp/" + $0 })
        // The composition root: the one place that holds the whole store. Each service gets
        // the Gate and the narrow protocols it needs; only the Gate reaches personal data.
        let ledger = ErasureLedger(besideKeyRing: configuration.keyRingPath)
        let gate = Gate(store: store, budgets: configuration.budgets, envelope: Envelope(keys: source, erasures: ledger), notices: noticeLinks,
                        watchLimits: configuration.watchLimits)
        people = PeopleService(gate: gate, store: store)
        areas = AreaService(store: store)
        imports = ImportService(gate: gate, log: store)
        accounts = AccountService(gate: gate, store: store, hasher: configuration.passwordHasher, keyRing: source)
        alerts = AlertService(gate: gate, store: store)
        authentication = Authentication(store: store, hasher: configuration.passwordHasher, policy: configuration.sessionPolicy, keyRing: source)
        log = LogService(store: store, keyRing: keyRing, witnessDirectory: configuration.witnessDirectory)
        investigations = InvestigationService(gate: gate, store: store, log: log)
        rollback = RollbackService(gate: gate, store: store, people: people)
        notices = NoticeService(store: store, relay: configuration.mailRelay)
        canvass = CanvassService(gate: gate, store: store)
        ballots = BallotService(gate: gate, store: store)
        mailings = MailingService(gate: gate, store: store)
        suppression = SuppressionService(gate: gate, store: store)
        volunteers = VolunteerService(gate: gate, store: store, accounts: accounts)
        events = EventService(gate: gate)
        keys = KeyService(store: store, keys: source)
        subjectAccess = SubjectAccessService(gate: gate, store: store, log: log)
        erasures = ErasureService(gate: gate, store: store, ledger: ledger)
        retention = RetentionService(gate: gate, store: store, erasures: erasures, subjectAccess: subjectAccess)
        incidents = IncidentService(gate: gate, store: store, subjectAccess: subjectAccess)
        health = DatabaseHealth(configuration)
        exports = ExportService(gate: gate, store: store, keys: source,
                                publicURL: configuration.publicURL)
        backups = BackupService(gate: gate, store: store, log: log,
                                scratchNear: configuration.isPostgres ? configuration.keyRingPath : configuration.databasePath)
    }
}

extension Actor {
    /// Whoever runs the CLI on this machine, named by their login.
    public static var localOperator: Actor {
        Actor(kind: .localOperator(ProcessInfo.processInfo.environment["USER"] ?? "unknown"), grants: [])
    }
}
