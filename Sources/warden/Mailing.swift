import ArgumentParser
import Foundation
import WardenCore
import WardenServices


extension WardenCommand {
    /// `warden mailing …`: email to a rule-chosen audience, counted but never listed.
    struct MailingCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mailing", abstract: "Write, count, approve and send email to members and supporters, without listing them.",
            discussion: """
                A mailing goes to a rule over an area (members, active members, supporters who are not members, or volunteers, all \
                or by skill). Its author sees the count and a sample, never the list. A send to more than 500 needs a second organiser's approval, and one \
                about a running selection's candidates its returning officer's (approvals are given on the pages or the API, by \
                people other than its author). The send queues one email per address after consent and the suppression list; \
                `warden outbox deliver` (or a running server) sends them.
                """,
            subcommands: [Write.self, List.self, Preview.self, Submit.self, Send.self, Withdraw.self])

        struct Write: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Write a mailing as a draft.")
            @OptionGroup var store: StoreOptions
            @Option(help: "The code of the area whose people receive it.") var area: String
            @Option(help: "service (members only, no consent needed, no campaigning) or campaigning.") var mailClass: MailClass
            @Option(help: "members, active_members, supporters, volunteers, or volunteers:SKILL (e.g. volunteers:canvassing).") var audience: String = "members"
            @Option(help: "The subject.") var subject: String
            @Option(help: ArgumentHelp("A file holding the message (Markdown; merge fields {{first_name}}, {{area}}).", valueName: "path")) var body: String
            @Flag(help: "It is about candidates in a selection.") var aboutCandidates = false

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    guard let audience = Audience(name: audience) else { throw WardenError.invalidRequest("--" + Audience.expected) }
                    guard let text = try? String(contentsOfFile: body, encoding: .utf8) else { throw WardenError.invalidRequest("\(body): cannot read the file") }
                    let mailing = try await warden.mailings.write(MailingDraft(
                        areaCode: area, subject: subject, body: text, mailClass: mailClass, audience: audience, aboutCandidates: aboutCandidates),
                        actor: .localOperator)
                    Terminal.say("mailing \(mailing.id) saved as a draft; see its count and sample with `warden mailing preview \(mailing.id)`")
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Mailings, newest first.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let mailings = try await warden.mailings.mailings(actor: .localOperator)
                    if mailings.isEmpty { Terminal.say("no mailings") }
                    for mailing in mailings {
                        Terminal.say("mailing \(mailing.id): \(SafeText.line(mailing.subject)); \(mailing.mailClass.rawValue) to \(mailing.audience.words); "
                            + mailing.state.rawValue.replacingOccurrences(of: "_", with: " ") + (mailing.sent.map { ", \($0.queued) emails queued \($0.at)" } ?? ""))
                    }
                }
            }
        }

        struct Preview: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Who a send would reach now, in numbers, and the message as a recipient gets it.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The mailing.") var mailing: Int64

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let preview = try await warden.mailings.preview(MailingID(mailing), actor: .localOperator)
                    let count = preview.count
                    Terminal.say("\(count.people) people; \(count.emails) emails would be queued now")
                    Terminal.say("not sent to: \(count.noEmail) without an email, \(count.noConsent) without consent, \(count.suppressed) suppressed, "
                        + "\(count.shared) sharing an address with someone who gets it")
                    if !preview.approvalsNeeded.isEmpty { Terminal.say("needs: \(preview.approvalsNeeded.map(\.words).joined(separator: " and "))") }
                    Terminal.say("")
                    Terminal.say("Subject: \(preview.sampleSubject)")
                    Terminal.say(SafeText.block(preview.sampleBody))
                }
            }
        }

        struct Submit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Submit a draft: it asks for the approvals it needs, or is approved at once.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The mailing.") var mailing: Int64

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let submitted = try await warden.mailings.submit(MailingID(mailing), actor: .localOperator)
                    Terminal.say(submitted.state == .approved ? "mailing \(mailing) is approved; send it with `warden mailing send \(mailing)`"
                        : "mailing \(mailing) waits for \(submitted.approvalsMissing.map(\.words).joined(separator: " and "))")
                }
            }
        }

        struct Send: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Queue an approved mailing's emails.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The mailing.") var mailing: Int64

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let sent = try await warden.mailings.send(MailingID(mailing), actor: .localOperator)
                    Terminal.say("mailing \(mailing): \(sent.queued) emails queued for \(sent.audience) people (\(sent.noEmail) without an email, "
                        + "\(sent.noConsent) without consent, \(sent.suppressed) suppressed, \(sent.shared) sharing an address)")
                }
            }
        }

        struct Withdraw: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Withdraw a mailing not yet sent.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The mailing.") var mailing: Int64

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    _ = try await warden.mailings.withdraw(MailingID(mailing), actor: .localOperator)
                    Terminal.say("mailing \(mailing) withdrawn")
                }
            }
        }
    }

    /// `warden suppression …`: the party's one list of addresses not to email.
    struct SuppressionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suppression", abstract: "The party's suppression list: unsubscribes, objections, bounces and complaints.",
            discussion: """
                One list for the whole party, of keyed hashes of addresses, checked at every send and never emptied by an import. \
                Export it for another Warden server of the party; import a provider's list of addresses (or a Warden export) when \
                the party changes provider.
                """,
            subcommands: [Counts.self, Add.self, LookUp.self, Export.self, Import.self, Report.self])

        struct Report: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Read bounce and complaint reports (DSN, ARF) and suppress the addresses they name.",
                discussion: """
                    Give the messages that reach the bounce address (the --mail-from address): as files, or one on standard \
                    input, as a mail server's pipe delivery hands it over (Postfix: a pipe transport running \
                    `warden suppression report`). A hard bounce makes the address not emailable at once; the third soft bounce \
                    defers it for seven days; a complaint stops all email to it. A message that is not a report is refused and \
                    changes nothing; the exit status says so, so the mail server keeps it.
                    """)
            @OptionGroup var store: StoreOptions
            @Argument(help: "Message files (default: one message on standard input).") var files: [String] = []

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    var messages: [(name: String, text: String)] = []
                    if files.isEmpty {
                        messages.append(("standard input", String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)))
                    }
                    for file in files {
                        guard let data = FileManager.default.contents(atPath: file) else { throw WardenError.invalidRequest("\(file): cannot read the file") }
                        messages.append((file, String(decoding: data, as: UTF8.self)))
                    }
                    for message in messages {
                        do {
                            let outcome = try await warden.suppression.record(report: message.text)
                            Terminal.say("\(message.name): \(outcome.bounced) bounced, \(outcome.softBounces) soft bounces (\(outcome.deferred) now deferred), "
                                + "\(outcome.complaints) complaints")
                        } catch let error as WardenError {
                            throw WardenError.invalidRequest("\(message.name): \(error.description)")
                        }
                    }
                }
            }
        }

        struct Counts: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Entries by reason.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                let counts = try await reportingErrors { try await warden.suppression.counts() }
                for reason in SuppressionReason.allCases { Terminal.say("\(reason.words): \(counts[reason] ?? 0)") }
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Record an objection or an unsubscribe for addresses given one a line on standard input.")
            @OptionGroup var store: StoreOptions
            @Option(help: "objected or unsubscribed.") var reason: SuppressionReason = .objected
            @Option(help: "How the party heard.") var note = ""

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    var addresses: [String] = []
                    while let line = readLine() {
                        let address = line.trimmingCharacters(in: .whitespaces)
                        if !address.isEmpty { addresses.append(address) }
                    }
                    let added = try await warden.suppression.record(reason, addresses: addresses, note: note, actor: .localOperator)
                    Terminal.say("\(added) added, \(addresses.count - added) already on the list")
                }
            }
        }

        struct LookUp: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "look-up", abstract: "Whether an address is on the list, and why.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The address.") var address: String

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    guard let entry = try await warden.suppression.lookUp(address, actor: .localOperator) else { return Terminal.say("not on the list") }
                    Terminal.say("on the list since \(entry.since): \(entry.reason.words) (\(SafeText.line(entry.source)))"
                        + (entry.deferredUntil.map { "; deferred until \($0)" } ?? ""))
                }
            }
        }

        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Write the list as keyed hashes (CSV), for another Warden server of the party.")
            @OptionGroup var store: StoreOptions
            @Option(help: "Where to write it (a new file, mode 0600).") var to: String

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let csv = try await warden.suppression.export(actor: .localOperator)
                    try PrivateFile.create(to, bytes: Array(csv.utf8))
                    Terminal.say("\(to): \(csv.split(separator: "\r\n").count - 1) entries")
                }
            }
        }

        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a list to the suppression list, all or nothing.",
                discussion: """
                    A CSV with a header: an `email` column (a provider's export: addresses, hashed as they are read) or a `hash` \
                    column (a Warden export), and optionally `reason` (unsubscribed, objected, complained, bounced; or a provider's \
                    words such as "hard bounce" or "spam"), `since` and `source`. Any bad line refuses the whole file, naming the \
                    line and field. Nothing is ever removed, and no entry weakened.
                    """)
            @OptionGroup var store: StoreOptions
            @Argument(help: "The CSV file.") var file: String

            func run() async throws {
                let warden = try await openWarden(store.configuration())
                try await reportingErrors {
                    let (read, added) = try await warden.suppression.importFile(path: file, displayName: file, actor: .localOperator)
                    Terminal.say("\(file): \(read) lines, \(added) added, \(read - added) already on the list")
                }
            }
        }
    }
}
