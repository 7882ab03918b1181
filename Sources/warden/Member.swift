public import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension MembershipEvent: ExpressibleByArgument {}

extension WardenCommand {
    /// `warden member status`.
    struct Member: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a member's status through the membership lifecycle, and set and apply the party's dues rules.",
            subcommands: [Status.self, DuesRules.self, ApplyDuesRules.self])
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

extension WardenCommand.Member {
    struct DuesRules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dues-rules",
            abstract: "Show or set the party's grace periods for unpaid dues.",
            discussion: """
                A member whose dues ran out more than --arrears-after days ago moves from active to in arrears, and more than \
                --lapse-after days ago from in arrears to lapsed; a member in arrears or lapsed whose dues are paid up again \
                is active. Only members with a payment on record are moved. Standard: 14 and 180 days.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Days after dues run out before a member is in arrears (0 to 365).", valueName: "days"))
        var arrearsAfter: Int?
        @Option(help: ArgumentHelp("Days after dues run out before a member lapses (more than --arrears-after, at most 1095).", valueName: "days"))
        var lapseAfter: Int?

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                var rules = try await warden.people.duesRules()
                if arrearsAfter != nil || lapseAfter != nil {
                    rules = try await warden.people.setDuesRules(
                        arrearsAfterDays: arrearsAfter ?? rules.arrearsAfterDays, lapseAfterDays: lapseAfter ?? rules.lapseAfterDays,
                        actor: .localOperator)
                }
                Terminal.say("in arrears \(rules.arrearsAfterDays) days after dues run out; lapsed after \(rules.lapseAfterDays) days")
            }
        }
    }

    struct ApplyDuesRules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply-dues-rules",
            abstract: "Move members whose dues ran out (or were paid up) as the party's rules say: run it daily.",
            discussion: "Each move is versioned, listed in the member's history and logged. A payments import applies the rules itself.")
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The day to apply them for (default today).", valueName: "date")) var on: CalendarDate?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let moves = try await warden.people.applyDuesRules(today: on ?? Timestamp.now.date, actor: .localOperator)
                if json { return try printJSON(moves) }
                Terminal.say(moves.isEmpty ? "nobody moved" : moves.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n"))
            }
        }
    }
}
