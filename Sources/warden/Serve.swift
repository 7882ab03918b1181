import ArgumentParser
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

        func run() async throws {
            let warden = try await openWarden(try server.applied(to: store.configuration(), mail: mail))
            try await serve(warden, server)
        }
    }
}

/// Opens a Warden, turning its errors into CLI failures.
func openWarden(_ configuration: WardenConfiguration) async throws -> Warden {
    try await reportingErrors { try await Warden.open(configuration) }
}

/// Runs the web server until interrupted, logging JSON lines to standard error.
func serve(_ warden: Warden, _ server: ServerOptions) async throws {
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
    let metrics = bootstrapMetrics()
    let app = try await buildApplication(
        warden: warden, configuration: WebConfiguration(host: server.host, port: server.port), metrics: metrics)
    Terminal.say("Serving Warden at http://\(server.host):\(server.port)")
    try await app.runService()
}
