public import WardenCore

/// Everything Warden keeps, as one protocol per concern, implemented once per engine.
///
/// Each method is one transaction. Methods that read or write personal data take the
/// ``AuditEvent`` describing the access and commit it in the same transaction, so that no
/// data leaves and no change lands without its record. All SQL lives in implementations of
/// these protocols; the services above see only domain values. The same contract tests
/// (`StoreContract`) run against every implementation.
///
/// Services are handed the narrow protocols they need, never a whole store. Personal data
/// (``PersonalDataStore``) is not among them: it is reachable only through ``personalData``,
/// which only a module importing the `Gate` SPI can open, and only the Gate does.
public protocol WardenStore: AreaStore, AccountStore, GrantStore, AlertStore, CanvassPlanningStore, LogStore, OutboxStore,
    KeyStore, SubjectAccessStore, ErasureStore, RetentionStore, IncidentStore, BackupStore, ExportStore, BallotStore, MailingStore {
    /// The way to personal data, sealed for the Gate.
    var personalData: PersonalDataAccess { get }
    /// Transactions run since the store opened.
    var transactions: TransactionCounts { get }
    /// Lets go of the database: its connections and, on PostgreSQL, the sequencer's role.
    func close() async
}

/// A store's personal data, handed over sealed: anyone may hold it, only the Gate opens it.
///
/// The compiler enforces the wall: ``store`` and the initialiser are SPI, so a file that
/// does not `@_spi(Gate) import WardenStore` cannot reach a person's record, and the
/// architecture test allows that import only in the Gate's module.
public struct PersonalDataAccess: Sendable {
    @_spi(Gate) public let store: any PersonalDataStore

    @_spi(Gate) public init(_ store: any PersonalDataStore) {
        self.store = store
    }
}
