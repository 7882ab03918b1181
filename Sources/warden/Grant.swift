public import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension Role: ExpressibleByArgument {}
extension Purpose: ExpressibleByArgument {}

extension WardenCommand {
    /// `warden grant create|list|approve|revoke`.
    struct GrantCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Give, list, approve and revoke access. Roles above organiser wait for a second person's approval.",
            subcommands: [Create.self, List.self, Approve.self, Revoke.self])
    }
}

extension WardenCommand.GrantCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Grant a role over an area to an account.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The account's username.") var account: String
        @Option(help: "member, canvasser, organiser, membership_secretary, campaign_manager, data_protection_officer, administrator") var role: Role
        @Option(help: "The code of the area the grant covers (omit for the whole party).") var area: String?
        @Option(help: "Why the data is processed (default: the role's usual purpose).") var purpose: Purpose?
        @Option(help: "Why the grant is needed.") var reason: String
        @Option(help: "How long it lasts, in days (1–366).") var days = Role.defaultGrantDays
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let grant = try await warden.accounts.grant(
                    GrantRequest(role: role, scopeAreaID: try await warden.areas.id(code: area), purpose: purpose ?? .usual(for: role), reason: reason, days: days),
                    to: account, actor: .localOperator)
                if json { return try printJSON(grant) }
                Terminal.say("Grant \(grant.id): \(role.title) to \(account) until \(grant.expiresAt)\(grant.isPending ? " — awaiting a second person's approval" : "")")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List grants not yet ended.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let grants = try await warden.accounts.grants(actor: .localOperator)
                if json { return try printJSON(grants) }
                for listing in grants {
                    let grant = listing.grant
                    Terminal.say("\(grant.id)\t\(listing.username)\t\(grant.role.rawValue)\tarea \(grant.scopeAreaID?.description ?? "all")\tuntil \(grant.expiresAt)\t\(grant.isPending ? "pending" : "in force")")
                }
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a pending grant (not one you made or hold).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The grant's id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                try await warden.accounts.approve(grant: id, actor: .localOperator)
                try printOutcome(grant: id, "approved", json: json)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a grant: its holder loses it at their next request.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The grant's id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                try await warden.accounts.revoke(grant: id, actor: .localOperator)
                try printOutcome(grant: id, "revoked", json: json)
            }
        }
    }
}

/// "Grant 7 approved", or `{"grant": 7, "outcome": "approved"}` with `--json`.
func printOutcome(grant id: Int64, _ outcome: String, json: Bool) throws {
    struct Outcome: Encodable {
        var grant: Int64
        var outcome: String
    }
    if json { return try printJSON(Outcome(grant: id, outcome: outcome)) }
    Terminal.say("Grant \(id) \(outcome)")
}
