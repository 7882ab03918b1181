import ArgumentParser
import Foundation
import WardenCore
import WardenMail
import WardenServices

extension WardenCommand {
    /// `warden outbox deliver`: send queued email now.
    struct Outbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver queued email (change notices, alerts), or show the mail and notice queues.",
            subcommands: [Deliver.self, Status.self, DKIMRecord.self])

        struct DKIMRecord: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "dkim-record",
                abstract: "Print the DNS TXT record to publish for each DKIM key, so receivers can check Warden's signatures.",
                discussion: "Make keys with `openssl genpkey -algorithm ed25519 -out ed.pem` and `openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:2048 -out rsa.pem`.")
            @OptionGroup var mail: MailOptions

            func run() async throws {
                let signers = try mail.signers()
                guard !signers.isEmpty else { throw ValidationError("give the keys with --dkim SELECTOR=PEMFILE") }
                for signer in signers { Terminal.say("\(signer.dnsRecordName). IN TXT \"\(signer.dnsRecord)\"") }
            }
        }

        struct Deliver: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Send every email that is due, in batches with progress, and say what is left and why; failures are retried later with backoff.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var mail: MailOptions

            func run() async throws {
                var configuration = store.configuration()
                guard let relay = try mail.relay() else {
                    throw ValidationError("give the relay with --smtp host:port (or WARDEN_SMTP)")
                }
                configuration.mailRelay = relay
                let warden = try await openWarden(configuration)
                let report = try await reportingErrors {
                    try await warden.notices.deliverDueMail { soFar in
                        Terminal.say("… \(soFar.sent) sent, \(soFar.retryingNow) to retry, \(soFar.failedNow) failed so far")
                    }
                }
                Terminal.say(report.summary)
            }
        }
    
        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "How much email is queued, sent and failed, and how many notices await printing.")
            @OptionGroup var store: StoreOptions
            @Flag(help: "Print JSON.") var json = false

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let counts = try await reportingErrors { try await warden.notices.counts(actor: .localOperator) }
                if json { return try printJSON(counts) }
                Terminal.say("email: \(counts.mailQueued) queued, \(counts.mailSent) sent, \(counts.mailFailed) failed")
                Terminal.say("postal notices to print: \(counts.postalToPrint); texts awaiting an SMS gateway: \(counts.textsWithoutGateway)")
            }
        }
    }
}
