import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden export …`: governed exports, and tracing a leaked file back to one.
    struct ExportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Share people safely: ask for an export, fetch its encrypted file, trace a leaked copy.",
            discussion: """
                An export is asked for with a purpose (which limits its fields), a recipient (an age public key, or an \
                email that gets a one-time link) and a selection (an area and who in it). Nothing is read until the data \
                protection officer approves it on the web: the command line acts as the local operator, who can never be \
                the second person. Every file carries decoys and keyed marks, so `warden export trace` names the export \
                a leaked copy came from.
                """,
            subcommands: [Request.self, List.self, Show.self, File.self, Trace.self, Settings.self])
    }
}

/// Prints one request: what it is for, to whom, what it holds and where it stands.
private func show(_ request: ExportRequest) {
    Terminal.say("export \(request.id): \(request.state.rawValue)")
    Terminal.say("  asked by \(request.requestedBy) at \(request.requestedAt) for \(request.purpose.title.lowercased())")
    Terminal.say("  to \(request.recipient.name), \(request.recipient.deliveryWords)")
    Terminal.say("  people: \(request.count) \(request.selectionWords); columns: \(request.columns.joined(separator: ", ")); decoys: \(request.decoys)")
    if let decision = request.decision {
        Terminal.say("  \(request.state == .refused ? "refused" : "approved") by \(decision.by) at \(decision.at): \(decision.reason)"
                     + (decision.overBudget ? " (past the requester's read budget)" : "") + (decision.specialCategory ? " (special category approved)" : ""))
    }
    if let file = request.file { Terminal.say("  file: \(file.people) people, \(file.decoys) decoys, \(file.bytes) bytes, sha256 \(file.sha256)") }
    if let expires = request.expires { Terminal.say("  link " + (request.linkUsedAt.map { "used at \($0)" } ?? "works until \(expires)")) }
}

extension WardenCommand.ExportCommand {
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask for an export; it waits for the data protection officer's approval.",
            discussion: "The party's purposes and the fields each allows: `warden export settings`.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Why the file is shared: one of the party's export purposes.") var purpose: String
        @Option(help: "The fields, comma-separated (only those the purpose allows).") var fields: String
        @Option(help: "The area's code.") var area: String
        @Option(help: "Who in it: electors, members or everyone.") var population: ExportSelection.Population = .electors
        @Option(help: "The person or organisation receiving it.") var recipient: String
        @Option(help: "The recipient's age public key (age1…): the file is encrypted to it.") var recipientKey: String?
        @Option(help: "The recipient's email: they get a one-time link that expires.") var recipientEmail: String?

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let delivery: ExportRecipient.Delivery
                switch (recipientKey, recipientEmail) {
                case (let key?, nil): delivery = .ageKey(key)
                case (nil, let email?): delivery = .link(email: email)
                default: throw WardenError.invalidRequest("--recipient-key, --recipient-email: give exactly one")
                }
                guard let areaID = try await warden.areas.all().first(where: { $0.code == area })?.id else {
                    throw WardenError.notFound("--area: no area with that code")
                }
                let request = try await warden.exports.request(ExportDraft(
                    purposeID: purpose, recipient: ExportRecipient(name: recipient, delivery: delivery),
                    selection: ExportSelection(areaID: areaID, population: population), fields: try ExportField.parse(fields)), actor: .localOperator)
                show(request)
                Terminal.say("waiting for the data protection officer's approval (on the web, under Exports)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Exports, newest first.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let requests = try await warden.exports.requests(actor: .localOperator)
                if requests.isEmpty { Terminal.say("no exports") }
                for request in requests {
                    Terminal.say("\(request.id)\t\(request.state.rawValue)\t\(request.purpose.id)\t\(request.count) people\tto \(request.recipient.name)\tasked by \(request.requestedBy)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One export: purpose, recipient, columns, decision, file.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The export's number.") var id: Int64

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors { show(try await warden.exports.request(ExportID(id), actor: .localOperator)) }
        }
    }

    struct File: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy an approved export's encrypted file, for a recipient with an age key.",
            discussion: "Only the recipient's key opens it: `age -d -i key.txt FILE > export.csv`.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The export's number.") var id: Int64
        @Option(help: "Where to write it (a new file, mode 0600).") var to: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                let download = try await warden.exports.encryptedFile(ExportID(id), actor: .localOperator)
                var bytes: [UInt8] = []
                try download.send { bytes += $0 }
                try PrivateFile.create(to, bytes: bytes)
                Terminal.say("\(to): export \(id), \(bytes.count) bytes, encrypted to \(download.request.recipient.name)'s key")
            }
        }
    }

    struct Trace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Name the export a leaked CSV file came from, and say how sure that is.",
            discussion: "Works on a re-sorted file, with columns or rows deleted, re-typed, or a part of a few hundred rows.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The leaked file (CSV).") var file: String

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else { throw WardenError.notFound("\(file): cannot be read") }
                let report = try await warden.exports.trace(Array(data), fileName: URL(fileURLWithPath: file).lastPathComponent, actor: .localOperator)
                Terminal.say(report.summary)
                if let source = report.source {
                    show(try await warden.exports.request(source, actor: .localOperator))
                }
                for candidate in report.candidates {
                    Terminal.say("  export \(candidate.export): \(candidate.rowsMatched) of \(report.rowsRead) rows, \(candidate.choicesAgreeing)/\(candidate.choicesSeen) choices, "
                                 + "\(candidate.pairsInOrder)/\(candidate.pairsSeen) in order, \(candidate.decoysFound) decoys, chance 1 in 10^\(Int(-candidate.log10Chance))")
                }
            }
        }
    }
}

extension WardenCommand.ExportCommand {
    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the party's export settings (purposes, decoys, how long files wait), or set them from a file.",
            discussion: """
                Print them as JSON, edit, and set them with --set. Each purpose lists the only fields an export for it may \
                carry (\(ExportField.allCases.map(\.rawValue).joined(separator: ", "))); a purpose with `intention` still needs \
                the DPO's explicit approval. Decoys point at an email domain the party reads, a phone range it answers and \
                addresses it controls.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "A JSON file of settings, as printed, to replace them with.") var set: String?

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                if let set {
                    guard let data = FileManager.default.contents(atPath: set) else { throw WardenError.notFound("\(set): cannot be read") }
                    try await warden.exports.setSettings(json: Array(data), actor: .localOperator)
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Terminal.say(String(decoding: try encoder.encode(try await warden.exports.settings()), as: UTF8.self))
            }
        }
    }
}
