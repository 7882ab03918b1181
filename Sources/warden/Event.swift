import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden event …`: the party's events, in numbers; never who is coming.
    struct EventCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "event", abstract: "Make events and see their numbers, without listing who replied.",
            discussion: """
                An event has a public page (/events/ID) where anyone replies, confirmed by an emailed link; a full event keeps a \
                waiting list, promoted in order when someone cancels. Members-only events take replies from members signed in. \
                The door's search, check-in and walk-ins are on the pages and the API, where each search is logged.
                """,
            subcommands: [List.self, Create.self, Show.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Events, soonest first, with their numbers.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let events = try await warden.events.list(actor: .localOperator)
                    if events.isEmpty { Terminal.say("no events") }
                    for (event, numbers) in events {
                        Terminal.say("event \(event.id): \(SafeText.line(event.details.title)), \(event.details.starts); "
                            + "\(numbers.going) going of \(numbers.capacity), \(numbers.waitlisted) waiting" + (event.cancelled ? "; cancelled" : ""))
                    }
                }
            }
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Make an event.")
            @OptionGroup var store: StoreOptions
            @Option(help: "What it is.") var title: String
            @Option(help: "Where: a hall's address, a street corner.") var place: String
            @Option(help: "The code of the area it is for (its organisers manage it).") var area: String
            @Option(help: "When it starts (ISO 8601, UTC).") var starts: Timestamp
            @Option(help: "When it ends (ISO 8601, UTC).") var ends: Timestamp
            @Option(help: "How many may come.") var capacity: Int
            @Option(help: "More about it.") var description: String = ""
            @Flag(help: "Members only: the public page takes no reply.") var membersOnly = false

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    guard let areaID = try await warden.areas.all().first(where: { $0.code == area })?.id else {
                        throw WardenError.invalidRequest("--area: no area with code \(SafeText.line(area))")
                    }
                    let event = try await warden.events.create(EventDetails(
                        title: title, description: description, place: place, areaID: areaID, starts: starts, ends: ends, capacity: capacity,
                        access: membersOnly ? .membersOnly : .public), actor: .localOperator)
                    Terminal.say("event \(event.id) made; its public page is /events/\(event.id)")
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "One event and its numbers.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The event.") var event: Int64

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let (event, numbers) = try await warden.events.numbers(EventID(event), actor: .localOperator)
                    Terminal.say("event \(event.id): \(SafeText.line(event.details.title))\(event.cancelled ? " (cancelled)" : "")")
                    Terminal.say("where: \(SafeText.line(event.details.place))")
                    Terminal.say("when: \(event.details.starts) to \(event.details.ends); \(event.details.access.words)")
                    Terminal.say("capacity \(numbers.capacity); going \(numbers.going); waiting \(numbers.waitlisted); attended \(numbers.attended); "
                        + "did not come \(numbers.noShow); cancelled \(numbers.cancelled)")
                }
            }
        }
    }
}
