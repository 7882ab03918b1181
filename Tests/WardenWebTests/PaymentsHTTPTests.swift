import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The membership office on the web: a whole-party secretary uploads a payments report (a
/// file past the 64 KiB every other request is held to), sees what it did, and finds the
/// payment and the move on the member's record; a secretary over part of the party sees the
/// figures but not the forms, and is refused on the record.
@Suite struct PaymentsHTTPTests {
    static let boundary = "----WardenTestBoundary7MA4YWxk"

    /// A browser's multipart form: the CSRF token, the report as a file, and other fields.
    static func multipart(csrf: String, report: String, fileName: String, fields: [String: String] = [:]) -> ByteBuffer {
        var text = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
        for (name, value) in fields { text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"report\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n\(report)\r\n"
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"mapping\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
        return ByteBuffer(string: text + "--\(boundary)--\r\n")
    }

    static func upload(_ client: some TestClientProtocol, cookie: String, to uri: String = "/membership/payments", body: ByteBuffer) async throws
        -> (status: HTTPResponse.Status, html: String) {
        try await client.execute(uri: uri, method: .post,
                                 headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"], body: body) { ($0.status, $0.text) }
    }

    @Test func aWholePartySecretaryImportsAPaymentsReportAndSeesItOnTheRecord() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("office", .membershipSecretary, areaCode: "E")
        let ann = try await harness.annID()
        // Ann's annual dues ran out seven months ago; 2,000 failed collections make the file larger than 64 KiB.
        let report = "Membership Number,Payment Date,Amount,Transaction ID,Status\nM1,2025-05-01,4.50,T-ann,Paid\n"
            + (1...2_000).map { "M2,2025-05-01,4.50,T-cat-\($0)-padding-to-make-the-file-large,Failed\n" }.joined()
        #expect(report.utf8.count > 64 * 1024)
        try await harness.run { client in
            let (cookie, csrf, landing) = try await StaffPagesTests.signIn(client, harness, "office", page: "/membership")
            #expect(landing == "/membership")
            let office = try await StaffPagesTests.page(client, "/membership", cookie: cookie).html
            #expect(office.contains(#"enctype="multipart/form-data""#) && office.contains("Lapsing by"))

            // A trial run records nothing.
            let trial = try await Self.upload(client, cookie: cookie, body: Self.multipart(csrf: csrf, report: report, fileName: "dd-may.csv", fields: ["dryRun": "on"]))
            #expect(trial.status == .ok && trial.html.contains("A trial run of dd-may.csv"))
            #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM payment") == ["0"])

            let done = try await Self.upload(client, cookie: cookie, body: Self.multipart(csrf: csrf, report: report, fileName: "C:\\exports\\dd-may.csv"))
            #expect(done.status == .ok, "\(done.html)")
            #expect(done.html.contains("dd-may.csv is recorded"))
            #expect(done.html.contains("<th scope=\"row\">Collections recorded</th><td>1</td>"))
            #expect(done.html.contains("<th scope=\"row\">Failed collections recorded</th><td>2,000</td>"))
            // Past both grace periods: through arrears to lapsed, two moves.
            #expect(done.html.contains("<th scope=\"row\">Members moved active → in arrears</th><td>1</td>"))
            #expect(done.html.contains("<th scope=\"row\">Members moved in arrears → lapsed</th><td>1</td>"))

            let record = try await StaffPagesTests.page(client, "/people/\(ann)", cookie: cookie).html
            #expect(record.contains("<h2>Membership history</h2>") && record.contains("active → in arrears") && record.contains("in arrears → lapsed"))
            #expect(record.contains("<h2>Payments</h2>") && record.contains("<td>£4.50</td>") && record.contains("<td>dd-may.csv</td>"))
            #expect(record.contains("<dt>Paid until</dt><dd>1 May 2026</dd>"))

            // The lapsed list is the one to win back.
            let lapsed = try await StaffPagesTests.page(client, "/people?status=lapsed", cookie: cookie).html
            #expect(lapsed.contains("Ann Lee"))

            // The same report again pays nothing twice.
            let again = try await Self.upload(client, cookie: cookie, body: Self.multipart(csrf: csrf, report: report, fileName: "dd-may.csv"))
            #expect(again.html.contains("<th scope=\"row\">Already recorded (not counted again)</th><td>2,001</td>"))

            // A line naming no member: the page lists the problem, nothing is recorded.
            let bad = try await Self.upload(client, cookie: cookie, body: Self.multipart(
                csrf: csrf, report: "Membership Number,Payment Date,Amount,Transaction ID\nZZ9,2026-01-01,4.50,T-z\n", fileName: "bad.csv"))
            #expect(bad.status == .badRequest && bad.html.contains("bad.csv:2: membership number: no member has this number"))
            #expect(!bad.html.contains("ZZ9"))

            // Grace periods from the form, and applying them.
            let saved = try await StaffPagesTests.post(client, "/membership/dues-rules", cookie: cookie,
                                                       form: "csrf=\(csrf)&arrearsAfterDays=30&lapseAfterDays=90")
            #expect(saved.location == "/membership?done=rules")
            let applied = try await StaffPagesTests.post(client, "/membership/dues-rules/apply", cookie: cookie, form: "csrf=\(csrf)")
            #expect(applied.location?.hasPrefix("/membership?done=applied&moved=") == true)
            #expect(try await StaffPagesTests.page(client, "/membership?done=rules", cookie: cookie).html.contains("more than 30 days ago is in arrears"))
        }
        #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM payment") == ["2001"])
    }

    @Test func aSecretaryOverPartOfThePartyIsRefusedOnTheRecord() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "secretary", page: "/membership")
            let office = try await StaffPagesTests.page(client, "/membership", cookie: cookie).html
            #expect(!office.contains("multipart/form-data") && office.contains("for a membership secretary over the whole party"))
            let refused = try await Self.upload(client, cookie: cookie, body: Self.multipart(
                csrf: csrf, report: "Membership Number,Payment Date,Amount,Transaction ID\nM1,2026-01-01,4.50,T-1\n", fileName: "dd.csv"))
            #expect(refused.status == .forbidden)
            let members = try await Self.upload(client, cookie: cookie, to: "/membership/members", body: Self.multipart(
                csrf: csrf, report: "Membership Number,Surname\nM9,Ng\n", fileName: "members.csv"))
            #expect(members.status == .forbidden, "a membership export too")
            let forged = try await Self.upload(client, cookie: cookie, body: Self.multipart(
                csrf: "not-the-token", report: "Membership Number,Payment Date,Amount,Transaction ID\nM1,2026-01-01,4.50,T-1\n", fileName: "dd.csv"))
            #expect(forged.status == .forbidden)
        }
        let audit = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 5)
        #expect(audit.contains { $0.outcome == .refused && $0.actor == "secretary" && $0.detail.contains("payments report") })
        #expect(audit.contains { $0.outcome == .refused && $0.actor == "secretary" && $0.detail.contains("members.csv") })
        #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM payment") == ["0"])
    }

    @Test func theAPITakesTheReportAsTextAndTheRulesAsJSON() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("office", .membershipSecretary, areaCode: "E")
        try await harness.run { client in
            let token = try await harness.token(client, "office")
            let csv = "Membership Number,Payment Date,Amount,Transaction ID\nM1,2026-01-01,4.50,T-1\n"
            let report = try await client.execute(uri: "/api/v1/payments?name=jan.csv", method: .post,
                                                  headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"], body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok)
                return response.text
            }
            #expect(report.contains(#""collected":1"#) && report.contains(#""file":"jan.csv""#))
            let json = try await client.execute(uri: "/api/v1/payments", method: .post,
                                                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: "{}")) { $0.status }
            #expect(json == .unsupportedMediaType)
            let rules = try await client.execute(uri: "/api/v1/dues-rules", method: .put,
                                                 headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                 body: ByteBuffer(string: #"{"arrearsAfterDays":7,"lapseAfterDays":60}"#)) { ($0.status, $0.text) }
            #expect(rules.0 == .ok && rules.1.contains(#""lapseAfterDays":60"#))
            let wrong = try await client.execute(uri: "/api/v1/dues-rules", method: .put,
                                                 headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                 body: ByteBuffer(string: #"{"arrearsAfterDays":70,"lapseAfterDays":60}"#)) { $0.status }
            #expect(wrong == .badRequest)
        }
    }

    @Test func aWholePartySecretaryImportsAMembershipExportOnTheWeb() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("office", .membershipSecretary, areaCode: "E")
        let export = "Membership Number,First Name,Surname,Address 1,Postcode,Status,Branch,Dues\nM9,Bob,Lee,1 Mill Lane,TN1 1AA,Active,W1,4.50\n"
        try await harness.run { client in
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "office", page: "/membership")
            #expect(try await StaffPagesTests.page(client, "/membership", cookie: cookie).html.contains(#"action="/membership/members""#))
            let done = try await Self.upload(client, cookie: cookie, to: "/membership/members",
                                             body: Self.multipart(csrf: csrf, report: export, fileName: "members-dec.csv"))
            #expect(done.status == .ok, "\(done.html)")
            #expect(done.html.contains("<th scope=\"row\">Linked to their elector</th><td>1</td>"))
            let bad = try await Self.upload(client, cookie: cookie, to: "/membership/members",
                                            body: Self.multipart(csrf: csrf, report: "Membership Number,Surname,Email\nM10,Ng,not-an-email\n", fileName: "bad.csv"))
            #expect(bad.status == .badRequest && bad.html.contains("bad.csv:2: Email: not an email address"))
        }
        #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM member") == ["3"])
    }
}
