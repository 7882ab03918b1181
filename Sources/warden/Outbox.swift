import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden outbox deliver`: send queued email now.
    struct Outbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver queued email (change notices, alerts) through the SMTP relay.",
            subcommands: [Deliver.self])

        struct Deliver: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Send every email that is due, once; failures are retried later with backoff.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var mail: MailOptions

            func run() async throws {
                var configuration = store.configuration()
                guard let relay = try mail.relay() else {
                    throw ValidationError("give the relay with --smtp host:port (or WARDEN_SMTP)")
                }
                configuration.mailRelay = relay
                let warden = try await openWarden(configuration)
                let sent = try await reportingErrors { try await warden.notices.deliverDueMail() }
                Terminal.say("sent \(sent) email(s)")
            }
        }
    }
}
