import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden sar …`: subject access cases, from opening to closing.
    struct SubjectAccessCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sar",
            abstract: "Handle subject access requests: open a case, find the requester's records, answer within the deadline.",
            discussion: """
                A case moves: received → identity verified → in preparation → sent → closed, or is refused \
                (with its ground and reason) and then closed. The answer is due one calendar month after the \
                request arrived (Art. 12(3)); an extension of up to two months needs a reason and the date the \
                requester was told. The DPO is alerted 7 days before a case is due and when it is overdue.
                """,
            subcommands: [Open.self, List.self, Show.self, Find.self, Confirm.self, Verify.self, Prepare.self, Package.self, Extend.self,
                          Sent.self, Refuse.self, Close.self, Alerts.self])
    }
}

/// The arguments every step on one case takes.
struct CaseArguments: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Argument(help: "The case number.") var id: Int64
    @Flag(help: "Print JSON.") var json = false

    var caseID: SubjectAccessCaseID { SubjectAccessCaseID(id) }

    /// Takes `step` on the case and prints where it now stands.
    func move(_ step: SubjectAccessLifecycle.Step) async throws {
        let warden = try await openWarden(store.configuration())
        try await reportingErrors {
            let moved = try await warden.subjectAccess.move(caseID, step, actor: .localOperator)
            if json { return try printJSON(SubjectAccessCaseStatus(moved, today: Timestamp.now.date)) }
            Terminal.say("case \(moved.id): \(step.words); now \(moved.state.words), due \(moved.dueOn)")
        }
    }
}

extension WardenCommand.SubjectAccessCommand {
    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a case for a request that has arrived.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The requester's name, as they gave it.") var requester: String
        @Option(help: "How it arrived: \(SubjectAccessChannel.allCases.map(\.rawValue).joined(separator: ", ")).") var channel: SubjectAccessChannel
        @Option(help: "The date it arrived (YYYY-MM-DD; default today).") var received: CalendarDate?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let opened = try await warden.subjectAccess.open(requester: requester, channel: channel, receivedOn: received ?? Timestamp.now.date,
                                                                 actor: .localOperator)
                if json { return try printJSON(SubjectAccessCaseStatus(opened, today: Timestamp.now.date)) }
                Terminal.say("case \(opened.id) opened: received \(opened.receivedOn), due \(opened.dueOn)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cases still owed an answer, soonest due first.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Every case, newest first, closed ones too.") var all = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let cases = try await warden.subjectAccess.cases(all: all, actor: .localOperator)
                if json { return try printJSON(cases.map { SubjectAccessCaseStatus($0, today: Timestamp.now.date) }) }
                let today = Timestamp.now.date
                for item in cases {
                    let left = item.awaitsAnswer ? "\(item.daysLeft(on: today)) days left" : "answered"
                    Terminal.say("\(item.id)\t\(item.state.words)\tdue \(item.dueOn)\t\(left)\t\(item.requester)")
                }
                if cases.isEmpty { Terminal.say(all ? "no cases" : "no case is owed an answer") }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One case: its steps so far, its records and its deadline.")
        @OptionGroup var arguments: CaseArguments

        func run() async throws {
            let warden = try await openWarden(arguments.store.configuration())
            try await reportingErrors {
                let item = try await warden.subjectAccess.case(arguments.caseID, actor: .localOperator)
                if arguments.json { return try printJSON(SubjectAccessCaseStatus(item, today: Timestamp.now.date)) }
                var lines = ["case \(item.id): \(item.state.words)", "requester: \(item.requester)",
                             "received: \(item.receivedOn) by \(item.channel.rawValue); opened by \(item.openedBy)",
                             "due: \(item.dueOn)" + (item.awaitsAnswer ? " (\(item.daysLeft(on: Timestamp.now.date)) days left)" : "")]
                if let check = item.identityCheck { lines.append("identity: \(check.method), checked by \(check.by) at \(check.at)") }
                if let extended = item.extended {
                    lines.append("extended by \(extended.months) month(s): \(extended.reason); requester told \(extended.requesterToldOn)")
                }
                lines.append("records: " + (item.subjects.isEmpty ? "none confirmed" : item.subjects.map(\.description).joined(separator: ", ")))
                if let ground = item.refusalGround { lines.append("refused: \(ground.rawValue)") }
                if let outcome = item.outcome { lines.append("outcome: \(outcome)") }
                lines.forEach(Terminal.say)
            }
        }
    }

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search for the requester's person records: a name and one more fact.",
            discussion: "The search is recorded with the case, under the purpose \"subject access\", with every candidate found.")
        @OptionGroup var arguments: CaseArguments
        @Option(help: "The name to search for.") var name: String
        @Option(help: "Their postcode.") var postcode: String?
        @Option(help: "Their date of birth.") var born: String?
        @Option(help: "Their email address.") var email: String?
        @Option(help: "Their phone number.") var phone: String?

        func run() async throws {
            let warden = try await openWarden(arguments.store.configuration())
            try await reportingErrors {
                let also = try PeopleQuery.Confirming(postcode: postcode, dateOfBirth: born, email: email, phone: phone)
                let found = try await warden.subjectAccess.candidates(
                    for: arguments.caseID, PeopleQuery(text: name, limit: PeopleQuery.maximumLimit, alsoMatching: also), actor: .localOperator)
                if arguments.json { return try printJSON(found) }
                for person in found {
                    let facts = [[person.forenames, person.surname].compactMap { $0 }.joined(separator: " "), person.dateOfBirth?.description,
                                 person.address?.postcode, person.membershipStatus?.rawValue].compactMap { $0 }
                    Terminal.say("\(person.id)\t\(facts.joined(separator: "\t"))")
                }
                Terminal.say("\(found.count) candidate(s); confirm with `warden sar confirm \(arguments.id) PERSON…`")
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm which person records are the requester's: the answer covers each.")
        @OptionGroup var arguments: CaseArguments
        @Argument(help: "The person records (identifiers from `find`).") var people: [Int64]

        func run() async throws { try await arguments.move(.confirmSubjects(people.map(PersonID.init(rawValue:)))) }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record how the requester's identity was checked.")
        @OptionGroup var arguments: CaseArguments
        @Option(help: "How, e.g. \"replied from the member's email on record\".") var method: String

        func run() async throws { try await arguments.move(.verifyIdentity(method: method)) }
    }

    struct Prepare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start preparing the answer (the records must be confirmed).")
        @OptionGroup var arguments: CaseArguments

        func run() async throws { try await arguments.move(.prepare) }
    }

    struct Package: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the package answering a case, sealed to the requester's passphrase (age format).",
            discussion: """
                The package holds every fact on the confirmed records and who consulted them, as a page to read and \
                as JSON, with a SHA-256 manifest and the log checkpoint covering the request. It is one tar archive \
                encrypted with age to the passphrase: the requester opens it with `age -d FILE > package.tar`. Record \
                how you sent it with `warden sar sent`.
                """)
        @OptionGroup var arguments: CaseArguments
        @Option(help: "Where to write the sealed package (a new file, mode 0600).") var out: String
        @Option(help: "A file holding the requester's passphrase (its first line).") var passphraseFile: String

        func run() async throws {
            let warden = try await openWarden(arguments.store.configuration())
            try await reportingErrors {
                guard let text = FileManager.default.contents(atPath: passphraseFile).map({ String(decoding: $0, as: UTF8.self) }),
                      let passphrase = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
                else { throw WardenError.invalidRequest("\(passphraseFile): cannot be read") }
                Terminal.say("case \(arguments.id): reading the records and the log…")
                let archive = try await warden.subjectAccess.package(arguments.caseID, actor: .localOperator)
                try PrivateFile.create(out, bytes: try archive.sealed(passphrase: passphrase))
                let records = archive.package.records.count
                Terminal.say("\(out): \(records) record(s), \(archive.package.consultations.count) consultation(s), sealed with age; open with `age -d \(out) > package.tar`")
            }
        }
    }

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend the deadline by one or two months (Art. 12(3)).")
        @OptionGroup var arguments: CaseArguments
        @Option(help: "1 or 2.") var months: Int
        @Option(help: "Why the request is complex or numerous.") var reason: String
        @Option(help: "When the requester was told (default today).") var told: CalendarDate?

        func run() async throws {
            try await arguments.move(.extend(months: months, reason: reason, requesterToldOn: told ?? Timestamp.now.date))
        }
    }

    struct Sent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the answer was sent, and how.")
        @OptionGroup var arguments: CaseArguments
        @Option(help: "How, e.g. \"posted recorded delivery\".") var how: String

        func run() async throws { try await arguments.move(.send(how: how)) }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse the request, with its ground and the reason given to the requester.")
        @OptionGroup var arguments: CaseArguments
        @Option(help: "\(RefusalGround.allCases.map(\.rawValue).joined(separator: ", ")).") var ground: RefusalGround
        @Option(help: "The reason, as told to the requester.") var reason: String

        func run() async throws { try await arguments.move(.refuse(ground, reason: reason)) }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a case that was answered or refused.")
        @OptionGroup var arguments: CaseArguments

        func run() async throws { try await arguments.move(.close) }
    }

    struct Alerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Raise the alerts owed today: cases due within 7 days, and overdue ones (the server does this on its own).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let raised = try await warden.subjectAccess.raiseDueAlerts(on: Timestamp.now.date, actor: .localOperator)
                Terminal.say("\(raised) alert(s) raised")
            }
        }
    }
}
