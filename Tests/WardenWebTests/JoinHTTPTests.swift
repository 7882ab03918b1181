import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Joining on the web: the office types in an application; the new member is linked to their
/// elector when one matches, a number already in use is refused, a problem keeps what was
/// typed, and only a whole-party secretary records one.
@Suite struct JoinHTTPTests {
    static func form(_ csrf: String, number: String, forename: String, surname: String, postcode: String, email: String = "") -> String {
        ["csrf": csrf, "membership_number": number, "first_name": forename, "surname": surname, "address_1": "1 Mill Lane",
         "address_3": "Town", "postcode": postcode, "email": email, "dues": "4.50", "frequency": "monthly", "branch": "W1", "email_consent": "Y"]
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    @Test func theOfficeRecordsANewMemberLinkedToTheirElector() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("office", .membershipSecretary, areaCode: "E")
        let bob = try await harness.personID("Bob Lee")
        try await harness.run { client in
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "office", page: "/membership")
            #expect(try await StaffPagesTests.page(client, "/membership/join", cookie: cookie).html.contains("Record a new member"))

            let joined = try await StaffPagesTests.post(client, "/membership/join", cookie: cookie,
                                                        form: Self.form(csrf, number: "M7", forename: "Bob", surname: "Lee", postcode: "TN1 1AA", email: "bob@example.org"))
            #expect(joined.location == "/people/\(bob)?joined=linked", "linked to Bob Lee's entry on the register")
            let record = try await StaffPagesTests.page(client, joined.location ?? "/", cookie: cookie).html
            #expect(record.contains("New member recorded, linked to their entry on the electoral register."))
            #expect(record.contains("<dt>Membership number</dt><dd>M7</dd>") && record.contains("£4.50 monthly"))
            #expect(record.contains("bob@example.org (consents: email"))

            let again = try await client.execute(uri: "/membership/join", method: .post,
                                                 headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: Self.form(csrf, number: "M7", forename: "Eve", surname: "Ng", postcode: "ZZ1 1ZZ"))) { ($0.status, $0.text) }
            #expect(again.0 == .badRequest && again.1.contains("membership number: already a member&#39;s number"), "\(again.1)")
            #expect(again.1.contains(#"value="Eve""#), "the form keeps what was typed")

            let badEmail = try await client.execute(uri: "/membership/join", method: .post,
                                                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: Self.form(csrf, number: "M8", forename: "Eve", surname: "Ng", postcode: "ZZ1 1ZZ", email: "eve-at-home"))) { ($0.status, $0.text) }
            #expect(badEmail.0 == .badRequest && badEmail.1.contains("Email: not an email address"))

            let unlinked = try await StaffPagesTests.post(client, "/membership/join", cookie: cookie,
                                                          form: Self.form(csrf, number: "M8", forename: "Eve", surname: "Ng", postcode: "ZZ1 1ZZ"))
            #expect(unlinked.location?.hasSuffix("?joined=unlinked") == true)
        }
        #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM member") == ["4"])
    }

    @Test func aSecretaryOverPartOfThePartyCannotRecordOne() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, csrf, _) = try await StaffPagesTests.signIn(client, harness, "secretary", page: "/membership")
            #expect(try await StaffPagesTests.page(client, "/membership/join", cookie: cookie).status == .forbidden)
            let refused = try await StaffPagesTests.post(client, "/membership/join", cookie: cookie,
                                                         form: Self.form(csrf, number: "M9", forename: "Bob", surname: "Lee", postcode: "TN1 1AA"))
            #expect(refused.status == .forbidden)
        }
        #expect(try harness.test.sqlValues("SELECT COUNT(*) FROM member") == ["2"])
    }
}
