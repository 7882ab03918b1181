import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden init`: a new database, its key ring, and the first administrator.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new database, its key ring (outside the database file) and the first administrator's sign-in.",
            discussion: """
                The administrator's password is read from WARDEN_ADMIN_PASSWORD, else asked for on the terminal, \
                else generated and printed once.
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "The first administrator's username.")
        var admin = "admin"

        func run() async throws {
            let configuration = store.configuration()
            var password = ProcessInfo.processInfo.environment["WARDEN_ADMIN_PASSWORD"]
                ?? Terminal.readSecret(prompt: "Password for \(admin) (at least 12 characters): ")
            var generated = false
            if password?.isEmpty ?? true {
                password = (0..<3).map { _ in String(UInt64.random(in: .min ... .max), radix: 36) }.joined(separator: "-")
                generated = true
            }
            let enrolment = try await reportingErrors {
                let warden = try await Warden.initialise(configuration, administrator: admin, password: password ?? "")
                // An administrator signs in with a second factor: enrol one now, while only the operator is here.
                return try await warden.accounts.enrolSecondFactor(username: admin, actor: .localOperator)
            }
            Terminal.say("Created \(configuration.databasePath)")
            Terminal.say("Key ring: \(configuration.keyRingPath) (mode 0600; keep it out of backups of the database)")
            Terminal.say("Administrator: \(admin)")
            if generated, let password { Terminal.say("Password (shown once): \(password)") }
            Terminal.say("Second factor for \(admin): add to an authenticator app: \(enrolment.uri)")
            Terminal.say("Recovery codes (each works once; keep them safe): " + enrolment.recoveryCodes.joined(separator: " "))
        }
    }
}

/// A ``WardenError`` as a CLI failure: its message on standard error, a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ error: WardenError) {
        if case .importRejected(let report) = error {
            description = (report.problems.map(\.description) + ["\(report.file): \(report.problems.count) problem(s); nothing was imported."])
                .joined(separator: "\n")
        } else {
            description = error.description
        }
    }
}
