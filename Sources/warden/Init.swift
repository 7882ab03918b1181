import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

        @Option(help: ArgumentHelp(
            "The audit log's name, the first line of every signed checkpoint: printable ASCII, no spaces, at most 100 characters (default: HOST/DATABASE, e.g. office/party).",
            valueName: "name"))
        var origin: String?

        /// A bad origin is refused before anything is created.
        func validate() throws {
            if let origin, !LogOrigin.isValid(origin) {
                throw ValidationError("--origin: use 1 to \(LogOrigin.maxLength) printable ASCII characters without spaces or '+', e.g. party.example.org/audit")
            }
        }

        func run() async throws {
            let configuration = store.configuration()
            let origin = try origin.map(LogOrigin.init) ?? LogOrigin.derived(hostName: Self.hostName, databasePath: configuration.databaseName)
            var password = ProcessInfo.processInfo.environment["WARDEN_ADMIN_PASSWORD"]
                ?? Terminal.readSecret(prompt: "Password for \(admin) (at least 12 characters): ")
            var generated = false
            if password?.isEmpty ?? true {
                password = (0..<3).map { _ in String(UInt64.random(in: .min ... .max), radix: 36) }.joined(separator: "-")
                generated = true
            }
            let enrolment = try await reportingErrors {
                let warden = try await Warden.initialise(configuration, administrator: admin, password: password ?? "")
                try await warden.log.setOrigin(origin)
                // An administrator signs in with a second factor: enrol one now, while only the operator is here.
                return try await warden.accounts.enrolSecondFactor(username: admin, actor: .localOperator)
            }
            Terminal.say("Created \(configuration.shownDatabase)")
            Terminal.say("Key ring: \(configuration.keyRingPath) (mode 0600; keep it out of backups of the database)")
            Terminal.say("Audit log: \(origin) (checkpoints in \(configuration.witnessDirectory); print its key with `warden log key`)")
            Terminal.say("Administrator: \(admin)")
            if generated, let password { Terminal.say("Password (shown once): \(password)") }
            Terminal.say("Second factor for \(admin): add to an authenticator app: \(enrolment.uri)")
            Terminal.say("Recovery codes (each works once; keep them safe): " + enrolment.recoveryCodes.joined(separator: " "))
        }

        /// This machine's name, for the default origin (`gethostname`, which never waits on DNS).
        static var hostName: String {
            var buffer = [CChar](repeating: 0, count: 256)
            guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}

/// A ``WardenError`` or another module's error as a CLI failure: its message on standard
/// error, a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String

    init(description: String) {
        self.description = description
    }

    init(_ error: WardenError) {
        if case .importRejected(let report) = error {
            description = (report.problems.map(\.description) + ["\(report.file): \(report.problems.count) problem(s); nothing was imported."])
                .joined(separator: "\n")
        } else {
            description = error.description
        }
    }
}
