import ArgumentParser
import Foundation
import WardenCore
import WardenDemo
import WardenServices

extension WardenCommand {
    /// `warden demo`: a synthetic constituency, created once, then served.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (once) a database with a synthetic constituency and demo accounts, and serve it.",
            discussion: "Everyone in it is generated: no real people, streets or postcodes. The database defaults to warden-demo.sqlite.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var server: ServerOptions
        @OptionGroup var mail: MailOptions
        @OptionGroup var limits: WebLimitOptions

        func run() async throws {
            try server.requireListenable()
            let configuration = try server.applied(to: store.configuration(defaultDatabase: "warden-demo.sqlite"), mail: mail)
            let warden: Warden
            var ballot: DemoBallot.Seeded?
            if try await !reportingErrors({ try await configuration.isVacant() }) {
                warden = try await openWarden(configuration)
                Terminal.say("Using the existing demo database \(configuration.shownDatabase)")
            } else {
                Terminal.say("Creating the demo constituency in \(configuration.shownDatabase) …")
                let started = Date()
                let keys = URL(fileURLWithPath: configuration.keyRingPath).deletingLastPathComponent()
                    .appendingPathComponent("warden-demo-ballot-trustees").path
                (warden, ballot) = try await reportingErrors {
                    let warden = try await Warden.initialise(configuration, administrator: DemoSeeder.administrator, password: DemoSeeder.password)
                    return (warden, try await DemoSeeder.seed(warden, ballotKeys: keys))
                }
                let counts = try await warden.people.counts()
                Terminal.say("Created \(counts.electors) electors in \(counts.households) households and \(counts.members) members "
                      + "in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
            }
            printSignIn(server)
            if let ballot { printBallot(ballot, server) }
            try await serve(warden, server, try limits.configuration(host: server.host, port: server.port))
        }

        /// The demo ballot: open now, with credentials left for a visitor and the trustees' keys for the count.
        func printBallot(_ ballot: DemoBallot.Seeded, _ server: ServerOptions) {
            Terminal.say("""
                Ballot \(ballot.ballot) is open until \(ballot.closesAt) (UTC): vote at http://\(server.host):\(server.port)/ballots/\(ballot.ballot)/vote
                with one of these unused credentials: \(ballot.spareCredentials.joined(separator: ", ")).
                Its trustees' age keys are in \(ballot.keyDirectory): after the close, each opens their share
                (the ballot's page, or warden ballot share-file) with age -d, and two hand them back to count it.

                """)
        }

        func printSignIn(_ server: ServerOptions) {
            Terminal.say("""

                Sign in at http://\(server.host):\(server.port)/signin with one of these demo accounts
                (password for all: \(DemoSeeder.password)):
                """)
            for (username, role, scope) in DemoSeeder.accounts {
                Terminal.say("  \(username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(role.title) (\(scope))")
            }
            Terminal.say("""
                Every account above member needs a code from its authenticator; for a demo account print it with
                  swift run warden account code USERNAME --db \(store.configuration(defaultDatabase: "warden-demo.sqlite").databasePath)
                API: POST /api/v1/session with {"username": …, "password": …, "totp": …}; see /api/v1/openapi.json

                """)
        }
    }
}
