import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden account create|list|totp|code`.
    struct Account: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage sign-in accounts and their second factor.",
            subcommands: [Create.self, List.self, TOTP.self, Code.self, Password.self])
    }
}

extension WardenCommand.Account {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account (no grants: add them with `warden grant create`).",
            discussion: "The password is read from WARDEN_PASSWORD, else asked for on the terminal.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The username.") var username: String
        @Option(help: "The membership number of the member this account belongs to.") var member: String?

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            guard let password = ProcessInfo.processInfo.environment["WARDEN_PASSWORD"] ?? Terminal.readSecret(prompt: "Password: ") else {
                throw ValidationError("set WARDEN_PASSWORD or run on a terminal")
            }
            try await reportingErrors {
                var person: PersonID?
                if let member {
                    person = try await warden.people.search(PeopleQuery(text: member), actor: .localOperator, purpose: .accountAdministration).value.first?.id
                    guard person != nil else { throw WardenError.notFound("no member \(member)") }
                }
                _ = try await warden.accounts.create(username: username, password: password, grants: [], personID: person, actor: .localOperator)
                Terminal.say("Created account \(username)")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reset an account's password: its authenticator is removed and its sessions end.",
            discussion: """
                The new password is read from WARDEN_PASSWORD, else asked for on the terminal. Enrol a new \
                authenticator with `warden account totp USER` before a role above member can sign in again. \
                The data protection officer is alerted.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The username.") var username: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            guard let password = ProcessInfo.processInfo.environment["WARDEN_PASSWORD"] ?? Terminal.readSecret(prompt: "New password: ") else {
                throw ValidationError("set WARDEN_PASSWORD or run on a terminal")
            }
            try await reportingErrors {
                try await warden.accounts.resetPassword(username: username, to: password, actor: .localOperator)
                Terminal.say("\(username): password reset, authenticator removed, sessions ended; enrol a new one with `warden account totp \(username)`")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let accounts = try await warden.accounts.list(actor: .localOperator)
                if json { return try printJSON(accounts) }
                for account in accounts {
                    Terminal.say("\(account.username)\t\(account.secondFactorEnrolled ? "2FA" : "no 2FA")\t\(account.disabled ? "disabled" : "")")
                }
            }
        }
    }

    struct TOTP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol (or replace) an account's authenticator app; prints the secret and ten recovery codes once.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The username.") var username: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let enrolment = try await warden.accounts.enrolSecondFactor(username: username, actor: .localOperator)
                if json { return try printJSON(enrolment) }
                Terminal.say("Scan or enter in an authenticator app:\n  \(enrolment.uri)\n  secret: \(enrolment.secret)")
                Terminal.say("Recovery codes (each works once; keep them safe):\n  " + enrolment.recoveryCodes.joined(separator: "\n  "))
            }
        }
    }

    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an account's current second-factor code (for the demo and for operators; needs the key ring).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The username.") var username: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors { Terminal.say(try await warden.accounts.currentCode(username: username, actor: .localOperator)) }
        }
    }
}

/// Runs a command body, turning a ``WardenError`` (an import's rejection included) or a
/// ``StoreError`` into its message and a non-zero exit.
@discardableResult
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as WardenError {
        throw CLIError(error)
    } catch let error as StoreError {
        throw CLIError(description: error.description)
    }
}

func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    Terminal.say(String(decoding: try encoder.encode(value), as: UTF8.self))
}
