import Foundation
import WardenCore

/// The human-readable half of a subject access package: one HTML page that reads on a screen
/// and prints well, holding the same facts as the JSON file beside it. Every value is escaped
/// (``HTMLText``); the page loads nothing from anywhere.
struct SubjectAccessDocument {
    let package: SubjectAccessPackage
    let checkpoint: String?

    var html: String {
        var page = """
            <!doctype html>
            <html lang="en-GB"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Your personal data</title>
            <style>\(Self.style)</style></head><body>
            <h1>Your personal data</h1>
            <p>\(e(package.caseID.map { "In answer to subject access request \($0). " } ?? "Downloaded from your own page. "))Made on \(e(package.generatedAt.description)) by \(e(package.processing.controller)).
            The file <code>subject-access.json</code> beside this page holds the same facts in a form a computer can read.</p>
            """
        for record in package.records { page += self.record(record) }
        page += consultations
        page += processing
        page += verification
        return page + "</body></html>\n"
    }

    private func record(_ record: SubjectAccessRecord) -> String {
        var out = "<section><h2>Record \(record.personID): \(e([record.title, record.forenames, record.surname].compactMap { $0 }.joined(separator: " ")))</h2>"
        out += list([("Date of birth", record.dateOfBirth?.description ?? "not held"), ("Record made", record.createdAt.description),
                     ("Last changed", record.updatedAt.description)])
        if let household = record.household {
            out += "<h3>Where you live</h3>" + list([("Address", (household.address + [household.postcode]).joined(separator: ", ")),
                                                      ("Polling district", household.pollingDistrict ?? "none")])
            out += "<p class=note>Other people at this address are not shown: their data is theirs.</p>"
        }
        if !record.sources.isEmpty {
            out += "<h3>Where this data came from</h3><ul>" + record.sources.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        }
        out += table("Electoral register entries", ["Elector number", "District", "Markers", "Franchise", "Edition", "Imported", "In force"],
                     record.registerEntries.map { [$0.electorNumber, $0.pollingDistrict, $0.markers, $0.franchise ?? "", $0.edition, $0.importedAt.description,
                                                   $0.current ? "yes" : "ended \($0.endedAt?.description ?? "")"] })
        if let membership = record.membership {
            out += "<h3>Membership</h3>" + list([
                ("Number", membership.number), ("Status", membership.status), ("Joined", membership.joinedOn?.description ?? "not held"),
                ("Status since", membership.statusSince?.description ?? "not held"), ("Branch", membership.branch ?? "none"),
                ("Subscription", membership.duesPence.map { "\(Dues.pounds(Int($0))) \(membership.duesFrequency ?? "")" } ?? "not held"),
                ("Paid until", membership.paidUntil?.description ?? "not held"),
            ])
            out += table("Membership changes", ["When", "Became", "By", "Why"],
                         membership.history.map { [$0.at.description, $0.status.replacingOccurrences(of: "_", with: " "), $0.by, $0.reason] })
            out += table("Payments", ["Date", "Amount", "Outcome", "Report"],
                         membership.payments.map { [$0.paidOn.description, Dues.pounds($0.pence), $0.outcome.rawValue, $0.report] })
        }
        out += table("Contact details", ["Kind", "Value", "Where it came from", "You agreed to", "Added"],
                     record.contactPoints.map { [$0.kind, $0.value, $0.source.replacingOccurrences(of: "_", with: " "), $0.consent.joined(separator: ", "), $0.addedAt.description] })
        out += table("Doorstep and phone contacts", ["When", "Campaign", "Outcome", "By", "What was recorded"],
                     record.canvassContacts.map { [$0.at.description, $0.campaign, $0.outcome.replacingOccurrences(of: "_", with: " "), $0.by,
                                                   Self.answers($0.answers) + ($0.doNotContact ? " Do not contact." : "")] })
        out += table("Changes to your record", ["When", "What changed", "To", "By", "Why"],
                     record.versions.map { version in
                         [version.at.description, version.fields.joined(separator: ", "),
                          version.fields.map { "\($0): \((version.values[$0] ?? []).joined(separator: "; "))" }.joined(separator: " · "), version.by, version.reason]
                     })
        out += table("Notices we sent you", ["When", "About", "How", "To", "Status"],
                     record.notices.map { [$0.at.description, $0.field, $0.channel, $0.recipient, $0.status + ($0.disputedAt.map { ", you said it was not you on \($0)" } ?? "")] })
        out += table("Walk lists your address was on", ["Walk list", "Campaign", "Made", "Sheets printed"],
                     record.walkLists.map { [$0.walkList, $0.campaign, $0.createdAt.description,
                                             $0.sheets.map { "\($0.serial) (\($0.printedAt), \($0.status))" }.joined(separator: "; ")] })
        for account in record.accounts {
            out += "<h3>Your account \(e(account.username))</h3>" + list([
                ("Made", account.createdAt.description), ("Disabled", account.disabledAt?.description ?? "no"),
                ("Access granted", account.grants.isEmpty ? "none" : account.grants.joined(separator: "; ")),
                ("Alerts about the account", account.alerts.isEmpty ? "none" : account.alerts.joined(separator: "; ")),
            ])
            out += table("Sign-ins", ["When", "From", "Ended"], account.signIns.map { [$0.at.description, $0.client, $0.endedAt?.description ?? ""] })
        }
        for ballot in record.ballots {
            out += "<h3>Ballot: \(e(ballot.ballot))</h3>" + list([
                ("Your reference on its electorate", ballot.reference),
                ("Contact details it uses", ballot.contactsHeld.isEmpty ? "none" : ballot.contactsHeld.joined(separator: "; ")),
            ])
            out += table("Credentials issued to you", ["Issued", "How", "By", "Voided", "Used"],
                         ballot.credentials.map { [$0.issuedAt.description, $0.channel, $0.issuedBy, $0.voidedAt?.description ?? "", $0.used ? "yes" : "no"] })
            out += table("Changes to your contact details asked for during the ballot", ["Asked", "By", "Change", "What became of it"],
                         ballot.heldChanges.map { [$0.requestedAt.description, $0.requestedBy, $0.change, $0.state] })
            out += "<p class=note>How you voted is not in any record: the ballot box holds rankings with nothing that leads back to you.</p>"
        }
        out += table("Emails the party sent you", ["Sent", "Subject", "Kind"],
                     record.mailings.map { [$0.sentAt?.description ?? "", $0.subject, $0.mailClass == .campaigning ? "campaigning" : "service message"] })
        out += table("Volunteering", ["Since", "Status", "Skills", "Availability", "Came from"],
                     record.volunteer.map { [[$0.createdAt.description, $0.status.rawValue, $0.skills.sorted().map(\.words).joined(separator: ", "),
                                              $0.availability, $0.source]] } ?? [])
        out += table("Events you replied to", ["Event", "Starts", "Address", "State", "Replied"],
                     record.events.map { [$0.title, $0.starts.description, $0.email ?? "", $0.state.words, $0.createdAt.description] })
        out += table("Your requests for your data", ["Request", "Received", "State"],
                     record.subjectAccessCases.map { [$0.caseID.description, $0.receivedOn.description, $0.state.replacingOccurrences(of: "_", with: " ")] })
        return out + "</section>"
    }

    private var consultations: String {
        "<section><h2>Who consulted your record</h2><p>Every time your record was read, found in a search, changed, or someone was refused it, from the party's tamper-evident log.</p>"
            + table(nil, ["When", "What", "Why", "Role", "Outcome", "Parts of your record", "Log entry"],
                    package.consultations.map { item in
                        [item.at.description, item.action.replacingOccurrences(of: "_", with: " ") + (item.disclosedTo.map { ": sent to \($0)" } ?? ""), item.purpose?.replacingOccurrences(of: "_", with: " ") ?? "",
                         item.role + (item.reader.map { " (\($0))" } ?? ""), item.outcome, item.dataClasses.joined(separator: ", "),
                         item.entryIndex.map(String.init) ?? "pending"]
                    })
            + "</section>"
    }

    private var processing: String {
        let register = package.processing
        var out = "<section><h2>Why we hold your data, and your rights</h2>"
        out += list([("Controller", register.controller), ("Data protection officer", register.dataProtectionOfficer)])
        for activity in register.activities {
            out += "<h3>\(e(activity.name))</h3>" + list([
                ("Purposes", activity.purposes), ("Lawful basis", activity.lawfulBasis),
                ("Special category condition", activity.specialCategoryCondition ?? "none"),
                ("Kinds of data", activity.dataCategories.joined(separator: ", ")), ("About whom", activity.people.joined(separator: ", ")),
                ("Who receives it", activity.recipients.joined(separator: "; ")), ("How long it is kept", activity.retention),
                ("Where it comes from", activity.sources.joined(separator: "; ")),
            ])
        }
        out += "<h3>Your rights</h3><ul>" + register.rights.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        out += list([("Complaints", register.complaints), ("Automated decisions", register.automatedDecisions),
                     ("Transfers abroad", register.internationalTransfers)])
        return out + "</section>"
    }

    private var verification: String {
        "<section><h2>Checking this package</h2><p>The file <code>MANIFEST.sha256</code> lists the SHA-256 hash of every other file "
            + "(<code>sha256sum -c MANIFEST.sha256</code> checks them). <code>log-checkpoint.txt</code> is the party's signed log checkpoint taken "
            + "after this package was made, so it covers every log entry about your request; <code>log-proofs.json</code> proves those entries are in it.</p>"
            + (checkpoint.map { "<pre>\(e($0))</pre>" } ?? "") + "</section>"
    }

    static func answers(_ answers: SurveyAnswers?) -> String {
        guard let answers else { return "" }
        var parts: [String] = []
        if let intention = answers.intention { parts.append("Voting intention: \(intention)") }
        if let certainty = answers.certainty { parts.append("how sure: \(certainty.words)") }
        if let likelihood = answers.likelihood { parts.append("likelihood to vote: \(likelihood)/10") }
        if let postal = answers.postalVote { parts.append("postal vote: \(postal ? "yes" : "no")") }
        if !answers.issues.isEmpty { parts.append("issues: \(answers.issues.joined(separator: ", "))") }
        if !answers.notes.isEmpty { parts.append("notes: \(answers.notes)") }
        return parts.joined(separator: "; ")
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }

    private func list(_ pairs: [(String, String)]) -> String {
        "<dl>" + pairs.map { "<dt>\(e($0.0))</dt><dd>\(e($0.1))</dd>" }.joined() + "</dl>"
    }

    private func table(_ title: String?, _ headers: [String], _ rows: [[String]]) -> String {
        let heading = title.map { "<h3>\(e($0))</h3>" } ?? ""
        guard !rows.isEmpty else { return heading + "<p class=note>None.</p>" }
        return heading + "<table><thead><tr>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
    }

    static let style = """
        body{font:15px/1.5 system-ui,sans-serif;color:#1d2330;max-width:60rem;margin:2rem auto;padding:0 1rem}
        h1{font-size:1.6rem}h2{border-bottom:2px solid #7a1f3d;padding-bottom:.2rem;margin-top:2rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #d8dce3;padding:.3rem .4rem}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#5d6575}dd{margin:0}.note{color:#5d6575}
        pre{white-space:pre-wrap;background:#f4f4f6;padding:.5rem}
        @media print{body{margin:0;font-size:11pt}section{break-inside:auto}h2,h3{break-after:avoid}tr{break-inside:avoid}}
        """
}

