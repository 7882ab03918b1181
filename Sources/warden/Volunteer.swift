import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden volunteer …`: the organisers' volunteer list and the canvasser accounts asked for,
    /// as the server's operator.
    struct VolunteerCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "volunteer", abstract: "List volunteers, move them on, and open the canvasser accounts organisers ask for.",
            discussion: """
                Volunteers sign up on the public form (/volunteer) and confirm through the link emailed to them; organisers \
                manage them on /volunteers. An organiser asks for a volunteer's canvasser account; an administrator (or the \
                operator, here) opens it, with a canvasser grant over the volunteer's area, and then enrols its authenticator \
                with `warden account totp`. Every listing and change is recorded.
                """,
            subcommands: [List.self, Add.self, Move.self, Accounts.self, OpenAccount.self, DeclineAccount.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Volunteers, by name, with their area, status and skills.")
            @OptionGroup var store: StoreOptions
            @Option(help: "An area's code: its volunteers and those of the areas under it.") var area: String?
            @Option(help: "Only those who offered this skill (\(VolunteerSkill.allCases.map(\.rawValue).joined(separator: ", "))).") var skill: VolunteerSkill?
            @Option(help: "Only those at this status (new, contacted, active, lapsed).") var status: VolunteerStatus?

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let volunteers = try await warden.volunteers.list(areaCode: area, filter: VolunteerFilter(skill: skill, status: status), actor: .localOperator)
                    let areas = Dictionary(uniqueKeysWithValues: try await warden.areas.all().map { ($0.id, $0.code) })
                    if volunteers.isEmpty { Terminal.say("no volunteers") }
                    for volunteer in volunteers {
                        let skills = volunteer.skills.sorted().map(\.rawValue).joined(separator: ",")
                        Terminal.say("\(volunteer.personID)\t\(SafeText.line(volunteer.name))\t\(volunteer.areaID.flatMap { areas[$0] } ?? "-")\t"
                            + "\(volunteer.status.rawValue)\t\(skills.isEmpty ? "-" : skills)\t\(SafeText.line(volunteer.availability))")
                    }
                }
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record a member or supporter as an active volunteer in an area where they live or are a member.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The person's identifier.") var person: Int64
            @Option(help: "The code of the area they help in.") var area: String
            @Option(help: "A skill they offer (repeat for more).") var skill: [VolunteerSkill] = []
            @Option(help: "When they are free, in their words.") var availability = ""

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let volunteer = try await warden.volunteers.record(PersonID(person), areaCode: area, skills: Set(skill), availability: availability,
                                                                       actor: .localOperator)
                    Terminal.say("volunteer \(volunteer.personID) recorded in \(area), active")
                }
            }
        }

        struct Move: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Move a volunteer on: forward through new, contacted and active, to lapsed, or from lapsed back to contacted.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The volunteer's person identifier (the first column of `warden volunteer list`).") var person: Int64
            @Argument(help: "The new status.") var status: VolunteerStatus

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let volunteer = try await warden.volunteers.change(PersonID(person), status: status, actor: .localOperator)
                    Terminal.say("volunteer \(volunteer.personID) is now \(volunteer.status.rawValue)")
                }
            }
        }

        struct Accounts: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The canvasser accounts organisers asked for, oldest first.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let asks = try await warden.volunteers.canvasserAccountAsks(actor: .localOperator)
                    let areas = Dictionary(uniqueKeysWithValues: try await warden.areas.all().map { ($0.id, $0.code) })
                    if asks.isEmpty { Terminal.say("no canvasser accounts asked for") }
                    for ask in asks {
                        Terminal.say("\(ask.username)\tarea \(areas[ask.areaID] ?? ask.areaID.description)\tasked for by \(ask.askedBy) \(ask.askedAt)")
                    }
                }
            }
        }

        struct OpenAccount: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "open-account", abstract: "Open a canvasser account an organiser asked for.",
                discussion: "The first password is read from WARDEN_PASSWORD, else asked for on the terminal.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The username the organiser asked for.") var username: String

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                guard let password = ProcessInfo.processInfo.environment["WARDEN_PASSWORD"] ?? Terminal.readSecret(prompt: "First password: ") else {
                    throw ValidationError("set WARDEN_PASSWORD or run on a terminal")
                }
                try await reportingErrors {
                    try await warden.volunteers.openCanvasserAccount(username: username, password: password, actor: .localOperator)
                    Terminal.say("opened \(username) with a canvasser grant over the volunteer's area; enrol its authenticator with `warden account totp \(username)`")
                }
            }
        }

        struct DeclineAccount: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "decline-account", abstract: "Decline a canvasser account an organiser asked for.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The username the organiser asked for.") var username: String

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    try await warden.volunteers.declineCanvasserAccount(username: username, actor: .localOperator)
                    Terminal.say("declined \(username)")
                }
            }
        }
    }
}
