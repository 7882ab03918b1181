public import WardenServices
/// Where and how the server listens, and how long it waits for a client.
///
/// The limits are the server's defence against clients that hold connections open without
/// finishing a request (slowloris) or that never close an idle keep-alive connection: each
/// such connection costs a socket and memory, and enough of them stop everyone else.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure`. Browsers accept Secure cookies from http://127.0.0.1 and
    /// http://localhost, so this stays on unless a test client needs otherwise.
    public var secureCookies: Bool
    /// The bearer token Prometheus presents to read `/metrics` (env `WARDEN_METRICS_TOKEN`).
    /// Without one, `/metrics` is not served at all: request counts per route and status
    /// tell an outsider how the party uses Warden, so they are not public.
    public var metricsToken: String?
    /// How long a connection may sit without a complete request head: idle between
    /// keep-alive requests, or sending a head too slowly (HTTP/1 parts arrive only whole).
    public var idleTimeout: Duration
    /// How long a request may take to arrive once its head has: a body trickled in a byte at
    /// a time would otherwise hold the connection, and the handler waiting for it, forever.
    public var requestTimeout: Duration
    /// The most connections served at once; further clients wait in the listen backlog.
    /// 512 by default: well under the usual limit of 1,024 open files, which the database,
    /// its WAL and the key ring also count against.
    public var maxConnections: Int
    /// The server's own backups (``BackupScheduler``); `nil` takes none.
    public var backups: BackupSchedule?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = true, metricsToken: String? = nil,
        idleTimeout: Duration = .seconds(30), requestTimeout: Duration = .seconds(60), maxConnections: Int = 512,
        backups: BackupSchedule? = nil
    ) {
        self.backups = backups
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.metricsToken = metricsToken
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
    }
}
