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

        func run() async throws {
            let warden = try await openWarden(try server.applied(to: store.configuration(), mail: mail))
            try await serve(warden, server, limits)
        }
    }
}

/// Opens a Warden, turning its errors into CLI failures.
func openWarden(_ configuration: WardenConfiguration) async throws -> Warden {
    try await reportingErrors { try await Warden.open(configuration) }
}

/// Runs the web server until interrupted, logging JSON lines to standard error.
func serve(_ warden: Warden, _ server: ServerOptions, _ limits: WebLimitOptions) async throws {
    // A database restored from an older copy must not serve people erased since: the ledger
    // beside the key ring has them erased again before the first request.
    let reconciled = try await reportingErrors { try await warden.erasures.reconcile(actor: .localOperator) }
    for (id, people) in reconciled.reapplied.sorted(by: { $0.key < $1.key }) where people > 0 {
        Terminal.say("Erasure \(id) carried out again from the erasure ledger: \(people) \(people == 1 ? "person" : "people") were still here")
    }
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
    let metrics = bootstrapMetrics()
    let app = try await buildApplication(
        warden: warden, configuration: try limits.configuration(host: server.host, port: server.port), metrics: metrics)
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
