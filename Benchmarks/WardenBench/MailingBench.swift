import Crypto
import _CryptoExtras
import Foundation
import GRDB
import WardenCore
import WardenMail
import WardenServices

/// 11. Mailings (issue 21): a campaigning mailing to `members` members rendered, queued and
/// signed, then delivered to a local SMTP sink; each step beside a baseline from the same run.
///
/// - Render and queue: the send through the Gate (audience resolved after consent and the
///   suppression list, each email rendered with its merge fields and signed unsubscribe link,
///   one recipient row and one outbox row each, one transaction), against the same number of
///   outbox rows of a fixed text inserted in one bare SQLite transaction.
/// - Sign: every queued email rendered as RFC 5322 and DKIM-signed twice (ed25519-sha256 and
///   rsa-sha256 with a 2048-bit key), as delivery does, on every core; against SHA-256 of the
///   same bytes alone.
/// - Deliver: the outbox run to the sink at `smtpPort` (batches of 100 over one connection,
///   each signed twice, each attempt recorded), against the same messages sent straight through
///   the SMTP client with no outbox and no signing.
func mailingBenchmarks(members: Int, smtpPort: Int?, in directory: URL) async throws {
    let path = directory.appendingPathComponent("mailing.sqlite").path
    let ed25519 = Curve25519.Signing.PrivateKey()
    let signers = [
        try DKIMSigner(domain: "party.example", selector: "ed", ed25519Seed: Data(ed25519.rawRepresentation).base64EncodedString()),
        try DKIMSigner(domain: "party.example", selector: "rsa", privateKeyPEM: try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation),
    ]
    let relay = smtpPort.map { SMTPRelay(host: "127.0.0.1", port: $0, sender: "news@party.example", dkimSigners: signers) }
    var configuration = WardenConfiguration(databasePath: path, mailRelay: relay)
    configuration.publicURL = "https://warden.party.example"
    let warden = try await Warden.initialise(configuration, administrator: "admin", password: "benchmark password")
    let areas = directory.appendingPathComponent("mailing-areas.csv")
    try Data("level,code,name,parent\nnation,E,England,\nregion,R,Region,E\nconstituency,C,Benchfield,R\nward,W1,North,C\n".utf8).write(to: areas)
    _ = try await warden.areas.importAreas(path: areas.path, actor: .benchOperator)
    var csv = "Membership Number,First Name,Surname,Email,Email Consent,Address 1,Postcode,Status,Joined,Branch\n"
    for i in 1...members { csv += "B\(i),Reader\(i),Number\(i),reader\(i)@example.org,yes,\(i) Mail Road,TN1 1AA,Active,2020-01-01,W1\n" }
    let file = directory.appendingPathComponent("mailing-members.csv")
    try Data(csv.utf8).write(to: file)
    _ = try await warden.imports.importMembers(path: file.path, actor: .benchOperator)

    let body = "Dear {{first_name}},\n\nThe street stall in {{area}} is on Saturday from ten. Bring a friend.\n\n"
        + String(repeating: "We are knocking on doors across the ward this month, and every hour helps. ", count: 8)
    let mailing = try await warden.mailings.write(MailingDraft(areaCode: "W1", subject: "Saturday in {{area}}", body: body, mailClass: .campaigning,
                                                               audience: .members(includeArrears: false)), actor: .benchOperator)
    _ = try await warden.mailings.submit(mailing.id, actor: .benchOperator)
    _ = try await warden.mailings.approve(mailing.id, actor: .benchOperator)
    var queued = 0
    let queueTime = try await clock.measure { queued = try await warden.mailings.send(mailing.id, actor: .benchOperator).queued }
    report("mailing_members", members)
    report("mailing_queued", queued)
    report("mailing_queue_per_second", Int(Double(queued) / seconds(queueTime)))

    let baseline = try DatabaseQueue(path: directory.appendingPathComponent("mailing-baseline.sqlite").path)
    try await baseline.write { db in
        try db.execute(sql: "CREATE TABLE outbox (id INTEGER PRIMARY KEY, created_at TEXT, recipient TEXT, subject TEXT, body TEXT, list_unsubscribe TEXT)")
    }
    let rows = queued
    let baselineTime = try await clock.measure {
        try await baseline.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO outbox (created_at, recipient, subject, body, list_unsubscribe) VALUES (?, ?, ?, ?, ?)")
            for i in 1...rows {
                try statement.execute(arguments: ["2026-12-01T00:00:00Z", "reader\(i)@example.org", "Saturday in North", body, "https://warden.party.example/unsubscribe/\(i)"])
            }
        }
    }
    report("mailing_queue_baseline_per_second", Int(Double(queued) / seconds(baselineTime)))

    // The queued emails as delivery renders and signs them.
    let outbox = try await DatabaseQueue(path: path).read { db in
        try Row.fetchAll(db, sql: "SELECT id, recipient, subject, body, list_unsubscribe FROM outbox WHERE mailing_recipient_id IS NOT NULL ORDER BY id")
    }
    let rendered = try outbox.map { row in
        try MailMessage(recipient: row["recipient"], subject: row["subject"], body: row["body"], messageID: "<outbox-\(row["id"] as Int64)@bench>",
                        unsubscribeURL: row["list_unsubscribe"]).rendered(from: "news@party.example", date: Date())
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let signTime = try await clock.measure {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for core in 0..<cores {
                group.addTask {
                    for index in stride(from: core, to: rendered.count, by: cores) {
                        for signer in signers { _ = try signer.signatureField(for: rendered[index], at: Date()) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    let hashTime = clock.measure { for message in rendered { _ = SHA256.hash(data: Array(message.utf8)) } }
    report("mailing_sign_per_second", Int(Double(rendered.count) / seconds(signTime)))
    report("mailing_hash_per_second", Int(Double(rendered.count) / seconds(hashTime)))
    report("mailing_render_sign_queue_per_second", Int(Double(queued) / (seconds(queueTime) + seconds(signTime))))
    report("mailing_cores", cores)

    guard let relay else { return }
    var delivered = 0
    let deliverTime = try await clock.measure { delivered = try await warden.notices.deliverDueMail(batchSize: 100).sent }
    report("mailing_delivered", delivered)
    report("mailing_deliver_seconds", String(format: "%.1f", seconds(deliverTime)))
    var plain = relay
    plain.dkimSigners = []
    let messages = outbox.prefix(20_000).map { row in
        MailMessage(recipient: row["recipient"], subject: row["subject"], body: row["body"], messageID: "<plain-\(row["id"] as Int64)@bench>")
    }
    var sentPlain = 0
    let plainTime = try await clock.measure {
        for start in stride(from: 0, to: messages.count, by: 100) {
            let results = try await SMTPClient.send(Array(messages[start..<min(start + 100, messages.count)]), via: plain)
            sentPlain += results.filter { if case .success = $0 { true } else { false } }.count
        }
    }
    report("mailing_deliver_per_second", Int(Double(delivered) / seconds(deliverTime)))
    report("mailing_deliver_baseline_per_second", Int(Double(sentPlain) / seconds(plainTime)))
}
