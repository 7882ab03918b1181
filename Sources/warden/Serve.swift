import ArgumentParser
import Foundation
import Hummingbird
import Logging
import WardenCore
import WardenServices
import WardenWeb

extension WardenCommand {
    /// `warden serve`: the web pages and JSON API over an existing database.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the web pages and the JSON API.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var server: ServerOptions
        @OptionGroup var mail: MailOptions
        @OptionGroup var limits: WebLimitOptions
        @OptionGroup var backups: BackupScheduleOptions

        func run() async throws {
            try server.requireListenable()
            let warden = try await openWarden(try server.applied(to: store.configuration(), mail: mail))
            var web = try limits.configuration(host: server.host, port: server.port)
            web.backups = try await reportingErrors { try backups.schedule() }
            try await serve(warden, server, web)
        }
    }
}

/// Opens a Warden, turning its errors into CLI failures.
func openWarden(_ configuration: WardenConfiguration) async throws -> Warden {
    try await reportingErrors { try await Warden.open(configuration) }
}

/// Runs the web server until interrupted, logging JSON lines to standard error.
func serve(_ warden: Warden, _ server: ServerOptions, _ web: WebConfiguration) async throws {
    // A database restored from an older copy must not serve people erased since: the ledger
    // beside the key ring has them erased again before the first request.
    let reconciled = try await reportingErrors { try await warden.erasures.reconcile(actor: .localOperator) }
    for (id, people) in reconciled.reapplied.sorted(by: { $0.key < $1.key }) where people > 0 {
        Terminal.say("Erasure \(id) carried out again from the erasure ledger: \(people) \(people == 1 ? "person" : "people") were still here")
    }
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
    let metrics = bootstrapMetrics()
    let app = try await buildApplication(
        warden: warden, configuration: web, metrics: metrics)
    Terminal.say("Serving Warden at http://\(server.host):\(server.port)")
    try await app.runService()
    await warden.close()
}

/// Who may read `/metrics`, and how long the server waits for slow or idle clients.
struct WebLimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The bearer token Prometheus sends to read /metrics; better in env WARDEN_METRICS_TOKEN, since a command line is visible to other users. Without one, /metrics is not served.",
        valueName: "token"))
    var metricsToken: String?

    @Option(help: ArgumentHelp("Seconds a connection may stay idle or take to send a request's head.", valueName: "seconds"))
    var idleTimeout = 30

    @Option(help: ArgumentHelp("Seconds a request may take to arrive once its head has.", valueName: "seconds"))
    var requestTimeout = 60

    @Option(help: "The most connections served at once; more wait to be accepted.")
    var maxConnections = 512

    func configuration(host: String, port: Int) throws -> WebConfiguration {
        guard idleTimeout > 0, requestTimeout > 0, maxConnections > 0 else {
            throw ValidationError("--idle-timeout, --request-timeout and --max-connections must be positive")
        }
        return WebConfiguration(
            host: host, port: port, metricsToken: metricsToken ?? ProcessInfo.processInfo.environment["WARDEN_METRICS_TOKEN"],
            idleTimeout: .seconds(idleTimeout), requestTimeout: .seconds(requestTimeout), maxConnections: maxConnections)
    }
}

/// The server's own backups: `--backup-dir` turns them on.
struct BackupScheduleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Take backups into this directory by schedule (env WARDEN_BACKUP_DIR). Without it, the server takes none.", valueName: "dir"))
    var backupDir: String?

    @Option(name: .customLong("backup-recipient"), help: ArgumentHelp("An age1… key to encrypt backups to (repeatable).", valueName: "age1…"))
    var backupRecipients: [String] = []

    @Option(help: ArgumentHelp("A file of age1… keys to encrypt backups to (env WARDEN_BACKUP_RECIPIENTS_FILE).", valueName: "path"))
    var backupRecipientsFile: String?

    @Option(help: ArgumentHelp("The backup key's identity file, if this server may hold it: each backup's check then decrypts the file.", valueName: "path"))
    var backupIdentity: String?

    @Option(help: ArgumentHelp("Minutes between backups (at least 1).", valueName: "minutes"))
    var backupEvery = 15

    @Option(help: "Keep every backup for this many hours.")
    var backupKeepHours = 48

    @Option(help: "Then keep the newest backup of each day for this many days.")
    var backupDailyDays = 35

    func schedule() throws -> BackupSchedule? {
        let environment = ProcessInfo.processInfo.environment
        guard let directory = backupDir ?? environment["WARDEN_BACKUP_DIR"] else { return nil }
        var recipients = try backupRecipients.map { try AgeKeyFiles.recipient($0, option: "--backup-recipient") }
        if let file = backupRecipientsFile ?? environment["WARDEN_BACKUP_RECIPIENTS_FILE"] { recipients += try AgeKeyFiles.recipients(in: file) }
        return try BackupSchedule(
            directory: directory, recipients: recipients, identities: try backupIdentity.map(AgeKeyFiles.identities(in:)) ?? [],
            every: .seconds(backupEvery * 60),
            retention: BackupRetention(keepAllSeconds: Int64(backupKeepHours) * 3_600, dailyDays: backupDailyDays))
    }
}
