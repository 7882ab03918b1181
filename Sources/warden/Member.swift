public import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension MembershipEvent: ExpressibleByArgument {}

extension WardenCommand {
    /// `warden member status`.
    struct Member: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a member's status through the membership lifecycle.",
            subcommands: [Status.self])
    }
}

extension WardenCommand.Member {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resign, suspend, expel, reinstate … one member, versioned and recorded.",
            discussion: """
                Moves allowed: active → in arrears (payment_missed) → lapsed (grace_period_ended); payment_received \
                makes in-arrears or lapsed members active; resigned from any status but expelled; suspended from active \
                or in arrears, and reinstated back to active; rejoined after lapsing or resigning; expelled from any status. \
                A member who leaves good standing loses their account's access at its next request.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The membership number.") var membershipNumber: String
        @Option(help: "\(MembershipEvent.allCases.map(\.rawValue).joined(separator: ", "))") var event: MembershipEvent
        @Option(help: "Why, in one line (recorded with the change).") var reason: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                guard let person = try await warden.people.search(
                    PeopleQuery(text: membershipNumber), actor: .localOperator, purpose: .membershipAdministration
                ).value.first(where: { $0.membershipNumber == membershipNumber })?.id else {
                    throw WardenError.notFound("no member \(membershipNumber)")
                }
                let moved = try await warden.people.changeMembership(of: person, event: event, reason: reason, actor: .localOperator)
                struct Moved: Encodable { var membershipNumber: String; var from: MembershipStatus; var to: MembershipStatus }
                if json { return try printJSON(Moved(membershipNumber: membershipNumber, from: moved.from, to: moved.to)) }
                Terminal.say("\(membershipNumber): \(moved.from.rawValue) → \(moved.to.rawValue)")
            }
        }
    }
}
