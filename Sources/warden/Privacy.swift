import ArgumentParser
import Foundation
import WardenCore
import WardenServices

extension WardenCommand {
    /// `warden privacy register`: the party's processing register.
    struct Privacy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The party's record of processing: what subject access packages tell requesters.",
            subcommands: [Register.self, Readers.self])
    }
}

extension WardenCommand.Privacy {
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the record of processing (Art. 30), or set the party's own.",
            discussion: """
                Until the party sets its own, Warden's default for a UK party is used. To change it, print it as JSON, \
                edit the file, and set it: warden privacy register --json > register.json; warden privacy register --set register.json
                """)
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print the register as JSON, to edit and set.") var json = false
        @Option(help: "Set the register from this JSON file.") var set: String?

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                if let set {
                    guard let data = FileManager.default.contents(atPath: set) else { throw WardenError.invalidRequest("\(set): cannot be read") }
                    try await warden.subjectAccess.setRegister(json: Array(data), actor: .localOperator)
                    return Terminal.say("processing register set from \(set)")
                }
                let register = try await warden.subjectAccess.register()
                if json { return try printJSON(register) }
                Terminal.say(register.recordOfProcessing)
            }
        }
    }
}

extension WardenCommand.Privacy {
    struct Readers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Whether subject access packages name the people who consulted a record, or only their roles.",
            discussion: "Off by default: readers are people too. Without a flag, prints the current choice.")
        @OptionGroup var store: StoreOptions
        @Flag(inversion: .prefixedNo, help: "Name readers (--named) or give their roles only (--no-named).") var named: Bool?

        func run() async throws {
            let warden = try await openWarden(store.configuration())
            try await reportingErrors {
                if let named { try await warden.subjectAccess.setNamesReaders(named, actor: .localOperator) }
                let current = try await warden.subjectAccess.namesReaders()
                Terminal.say(current ? "packages name the people who consulted a record" : "packages give only the roles of the people who consulted a record")
            }
        }
    }
}
