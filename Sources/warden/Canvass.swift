import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden campaign …` and `warden walklist …`: running a canvass from the server, as its operator.
    struct CampaignCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "campaign", abstract: "Create and list canvassing campaigns; show a campaign's aggregate results; define the party's survey.",
            subcommands: [Create.self, List.self, Results.self, Survey.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a campaign over areas (codes), with dates and a survey.")
            @OptionGroup var store: StoreOptions
            @Option(help: "The campaign's name.") var name: String
            @Option(help: "Area codes it covers, comma-separated (a constituency, wards …).") var areas: String
            @Option(help: "First day, YYYY-MM-DD.") var starts: String
            @Option(help: "Last day, YYYY-MM-DD.") var ends: String
            @Option(help: "Issues voters may pick, comma-separated, from the party's survey (default: all of them; see `warden campaign survey`).")
            var issues: String?

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                guard let startsOn = CalendarDate(parsing: starts), let endsOn = CalendarDate(parsing: ends) else {
                    throw ValidationError("--starts and --ends: dates like 2026-12-01")
                }
                func list(_ text: String?) -> [String]? { text.map { $0.split(separator: ",").map { Normalize.spaces($0) } } }
                let campaign = try await reportingErrors {
                    var ids: [AreaID] = []
                    for code in list(areas) ?? [] { if let id = try await warden.areas.id(code: code) { ids.append(id) } }
                    let party = try await warden.canvass.partySurvey()
                    let survey = try party.asking(list(issues) ?? party.issues)
                    return try await warden.canvass.createCampaign(
                        NewCampaign(name: name, areaIDs: ids, startsOn: startsOn, endsOn: endsOn, survey: survey), actor: .localOperator)
                }
                Terminal.say("campaign \(campaign.id): \(campaign.name)")
            }
        }

        struct Survey: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show or define the party's survey: the parties for the intention question and the issues campaigns choose from.",
                discussion: """
                    Campaigns already running keep the survey they started with. Up to 20 parties and 20 issues, each at most 40 \
                    characters; "Undecided", "Won't say" and "Won't vote" are answers every survey has.
                    """)
            @OptionGroup var store: StoreOptions
            @Option(help: "The parties, comma-separated, in the order the doorstep page shows them.") var parties: String?
            @Option(help: "The issues, comma-separated.") var issues: String?

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                func list(_ text: String?) -> [String]? { text.map { $0.split(separator: ",").map { Normalize.spaces($0) } } }
                let survey = try await reportingErrors {
                    let current = try await warden.canvass.partySurvey()
                    guard parties != nil || issues != nil else { return current }
                    return try await warden.canvass.setPartySurvey(parties: list(parties) ?? current.parties, issues: list(issues) ?? current.issues,
                                                                   actor: .localOperator)
                }
                Terminal.say("parties: \(survey.parties.joined(separator: ", "))")
                Terminal.say("issues: \(survey.issues.joined(separator: ", "))")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List campaigns.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                for campaign in try await reportingErrors({ try await warden.canvass.campaigns() }) {
                    Terminal.say("\(campaign.id)\t\(campaign.startsOn)…\(campaign.endsOn)\t\(campaign.name)")
                }
            }
        }

        struct Results: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "A campaign's results as aggregates, counts under 5 withheld.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The campaign's number.") var campaign: Int64

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let dashboard = try await reportingErrors { try await warden.canvass.dashboard(CampaignID(campaign), actor: .localOperator) }
                for row in [("total", dashboard.total)] + dashboard.areas.map({ ($0.area.name, $0.tally) }) {
                    let intentions = dashboard.intentions.map { "\($0) \(Suppression.label(row.1.intentions[$0] ?? 0))" }.joined(separator: ", ")
                    Terminal.say("\(row.0): doors \(Suppression.label(row.1.doors)), spoke \(Suppression.label(row.1.spoke)) of \(Suppression.label(row.1.attempts)); \(intentions)")
                }
            }
        }
    }

    struct WalkListCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "walklist", abstract: "Cut walk lists, assign them to canvassers (at most 48 hours), and close printed sheets.",
            subcommands: [Cut.self, List.self, Assign.self, End.self, CloseSheet.self])

        struct Cut: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Cut a polling district's households, in walking order, into lists.")
            @OptionGroup var store: StoreOptions
            @Option(help: "The campaign's number.") var campaign: Int64
            @Option(help: "The polling district's code.") var district: String
            @Option(help: "About this many doors per list.") var doors = 60

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let lists = try await reportingErrors {
                    guard let area = try await warden.areas.id(code: district) else { throw WardenError.invalidRequest("--district") }
                    return try await warden.canvass.cutWalkLists(campaign: CampaignID(campaign), district: area, doors: doors, actor: .localOperator)
                }
                for list in lists { Terminal.say("walk list \(list.id): \(list.name), \(list.doors) doors") }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "A campaign's walk lists and who holds them.")
            @OptionGroup var store: StoreOptions
            @Option(help: "The campaign's number.") var campaign: Int64

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let lists = try await reportingErrors { try await warden.canvass.walkLists(campaign: CampaignID(campaign), actor: .localOperator) }
                for list in lists {
                    let holder = list.holder(at: .now) ?? "unassigned"
                    Terminal.say("\(list.id)\t\(list.name)\t\(list.doors) doors\t\(holder)")
                }
            }
        }

        struct Assign: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Give a list to a canvasser: a grant for its doors only, until it expires.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The walk list's number.") var list: Int64
            @Option(help: "The canvasser's username.") var to: String
            @Option(help: "For how long, 1 to 48 hours.") var hours = 24

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let assigned = try await reportingErrors { try await warden.canvass.assign(WalkListID(list), to: to, hours: hours, actor: .localOperator) }
                Terminal.say("walk list \(assigned.id) is \(to)'s until \(assigned.assignment?.expiresAt.description ?? "?")")
            }
        }

        struct End: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Take a list back early; the canvasser's access ends at once.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The walk list's number.") var list: Int64

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors { try await warden.canvass.endAssignment(WalkListID(list), actor: .localOperator) }
                Terminal.say("walk list \(list) taken back")
            }
        }

        struct CloseSheet: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "close-sheet", abstract: "Mark a printed sheet returned or destroyed.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The sheet's serial, e.g. WL-00012-01.") var serial: String
            @Option(help: "returned or destroyed") var status: String

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                guard let status = WalkSheet.Status(rawValue: status), status != .out else { throw ValidationError("--status: returned or destroyed") }
                let sheet = try await reportingErrors { try await warden.canvass.closeSheet(serial: serial, as: status, actor: .localOperator) }
                Terminal.say("sheet \(sheet.serial) \(sheet.status.rawValue)")
            }
        }
    }

    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rotate the key-encryption key, retire an old one, or show which key versions protect how many values.",
            subcommands: [Rotate.self, Retire.self, Status.self, BackUp.self])

        struct Rotate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a key-encryption key and rewrap every data key and second-factor secret under it, online.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let rotation = try await reportingErrors {
                    try await warden.keys.rotate(actor: .localOperator) { Terminal.say("rewrapped \($0) value(s)…") }
                }
                Terminal.say("key-encryption key \(rotation.newVersion) in force; \(rotation.rewrapped) value(s) rewrapped")
            }
        }

        struct Retire: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Destroy an old key-encryption key that no value in the database needs any more.",
                discussion: """
                    After `warden keys rotate`, every live data key is wrapped under the new key; the old one opens only \
                    what older copies of the database hold, including the data keys of people erased since. Retiring it \
                    makes those unreadable in every copy. Older backups lose their sealed canvass answers with it: retire \
                    a key once the last backup that needs it has aged out.
                    """)
            @OptionGroup var store: StoreOptions
            @Argument(help: "The key-encryption key version to destroy.") var version: Int
            @Option(help: ArgumentHelp("The database backup directory (env WARDEN_BACKUP_DIR): refused while a backup there needs the key.", valueName: "dir"))
            var backups: String?

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let directory = backups ?? ProcessInfo.processInfo.environment["WARDEN_BACKUP_DIR"]
                    let kept = try directory.map { try warden.backups.list($0).compactMap(\.manifest) } ?? []
                    try await warden.keys.retire(version: version, backups: kept, actor: .localOperator)
                }
                Terminal.say("key-encryption key \(version) destroyed; values sealed only under it cannot be opened anywhere")
            }
        }

        struct BackUp: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "backup",
                abstract: "Export the key ring and the erasure ledger, encrypted to a key other than the database backups'.",
                discussion: """
                    Database backups never hold the key ring: without it their sealed fields and the log's signing key \
                    are out of reach. Keep this file apart from them, under another key: \
                    `age -d -i keyring-key.txt FILE | tar -x` gives the key ring and the erasure ledger back.
                    """)
            @OptionGroup var store: StoreOptions
            @Option(help: ArgumentHelp("The file to write (must not exist; 0600).", valueName: "path")) var to: String
            @OptionGroup var recipients: RecipientOptions
            @Option(help: ArgumentHelp("The database backup directory: refuse a key its backups are encrypted to.", valueName: "dir"))
            var backups: String?

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let databaseKeys = Set(try backups.map { try warden.backups.list($0).flatMap { $0.manifest?.recipients ?? [] } } ?? [])
                    let names = try await warden.keys.backUp(to: to, recipients: try recipients.resolved(), databaseRecipients: databaseKeys,
                                                            actor: .localOperator)
                    Terminal.say("wrote \(to): \(names.joined(separator: ", ")), encrypted")
                }
            }
        }

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Values protected by each key-encryption key version.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let usage = try await reportingErrors { try await warden.keys.usage() }
                for (version, count) in usage.sorted(by: { $0.key < $1.key }) { Terminal.say("key \(version): \(count) value(s)") }
                if usage.isEmpty { Terminal.say("no sealed values yet") }
            }
        }
    }
}
