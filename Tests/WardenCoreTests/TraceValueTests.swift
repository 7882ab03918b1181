import Testing
import WardenCore

@Suite("Log entries, states and contact edits")
struct TraceValueTests {
    @Test func anEntryRoundTripsThroughItsBytesWithAwkwardText() throws {
        let event = AuditEvent(
            at: try #require(Timestamp(iso8601: "2026-11-23T09:41:12Z")), actorLabel: "organiser", accountID: AccountID(rawValue: 12),
            action: .write, purpose: .campaignPlanning, outcome: .allowed, detail: "line one\nline two \\ with a backslash\r",
            dataClasses: [.contact, .identity], people: [PersonID(rawValue: 7), PersonID(rawValue: 3)],
            versions: VersionBinding(first: 4, last: 6, digest: Array(repeating: 0xAB, count: 32)))
        let text = String(decoding: event.entry, as: UTF8.self)
        #expect(text.hasPrefix("warden-audit/1\nat 2026-11-23T09:41:12Z\nactor organiser\naccount 12\naction write\n"))
        #expect(text.contains("detail line one\\nline two \\\\ with a backslash\\r\nclasses contact,identity\npeople 7,3\nversions 4-6 abab"))
        #expect(AuditEvent(entry: event.entry) == event)
        #expect(AuditEvent(entry: Array(event.entry.dropLast())) == nil)
        #expect(AuditEvent(entry: Array("warden-audit/1\nat nonsense\n".utf8)) == nil)
    }

    /// Swift reads CR LF as one character; the escape works on bytes, so neither half gets through.
    @Test func aCarriageReturnLineFeedInAValueIsEscapedByteByByte() {
        let event = AuditEvent(at: .now, actorLabel: "organiser\r\nmallory", accountID: nil, action: .read, purpose: nil,
                               outcome: .allowed, detail: "a\r\nb", dataClasses: [], people: [])
        let text = String(decoding: event.entry, as: UTF8.self)
        #expect(text.contains("actor organiser\\r\\nmallory\n"))
        #expect(text.contains("detail a\\r\\nb\n"))
        #expect(AuditEvent(entry: event.entry) == event)
    }

    /// The canonical bytes are documented (docs/log-format.md) so anyone can recompute them:
    /// this hash was worked out outside Swift from that description.
    @Test func aVersionHashIsSHA256OfTheDocumentedBytes() throws {
        let version = PersonVersion(id: 1, personID: PersonID(rawValue: 2), at: try #require(Timestamp(iso8601: "2026-11-23T09:41:12Z")),
                                    accountID: nil, actor: "organiser\r\nx", grantID: 3, reason: "asked", fields: ["surname"],
                                    state: PersonState(text: "forenames=Ann\nsurname=Lee\n"))
        #expect(Hex.encode(version.hash) == "d6d84cf40811631542efe5497d5bd7c987021254ec1312a5906f05561e4801a9")
    }

    @Test func changedKeysCompareValuesKeyByKey() {
        let before = PersonState(text: "forenames=Ann\nsurname=Lee\nemail=a@example.org\t\nphone=07700900001\temail\n")
        let after = PersonState(text: "forenames=Ann\nsurname=Lee\nemail=b@example.org\t\nphone=07700900001\temail\n")
        #expect(PersonState.changedKeys(from: before, to: after) == ["email"])
        #expect(PersonState.changedKeys(from: nil, to: after) == ["forenames", "surname", "email", "phone"])
        #expect(after.contactPoints(.email).map(\.value) == ["b@example.org"])
        #expect(after.contactPoints(.phone).first?.consent == [.email])
    }

    @Test func aVersionHashCoversWhoWhyAndTheRecord() throws {
        let state = PersonState(text: "forenames=Ann\nsurname=Lee\n")
        let version = PersonVersion(id: 1, personID: PersonID(rawValue: 2), at: .now, accountID: nil, actor: "organiser", grantID: 3,
                                    reason: "asked", fields: ["surname"], state: state)
        var other = version
        other.actor = "someone-else"
        #expect(version.hash != other.hash)
        other = version
        other.state = PersonState(text: "forenames=Ann\nsurname=Leigh\n")
        #expect(version.hash != other.hash)
        other = version
        other.id = 99  // the row id is fixed by the entry's digest order, not the hash
        #expect(version.hash == other.hash)
    }

    @Test func contactEditsAreCheckedAndErrorsNameTheFieldNotTheValue() throws {
        #expect(try ContactEdit(kind: .phone, text: "+44 7700 900123").value == "07700900123")
        #expect(try ContactEdit(kind: .email, text: "  ").value == nil)
        #expect(try ContactEdit(kind: .postal, text: "1 Mill Lane\nTN1 1AA").value == "1 Mill Lane\nTN1 1AA")
        #expect(throws: WardenError.invalidRequest("email: not an email address")) { try ContactEdit(kind: .email, text: "ann-at-example") }
        #expect(throws: WardenError.invalidRequest("phone: not a UK phone number")) { try ContactEdit(kind: .phone, text: "12") }
        #expect(throws: WardenError.self) { try ContactEdit(kind: .postal, text: "just one line") }
        #expect(throws: WardenError.self) { try ContactEdit(kind: .email, text: "a@example.org\nBcc: b@example.org") }
    }

    @Test func onlyMembersThemselvesAndScopedOfficersMayChangeContactDetails() {
        let ward = AreaID(rawValue: 10)
        let person = PersonID(rawValue: 5)
        func actor(_ role: Role, scope: AreaID?, personID: PersonID? = nil) -> Actor {
            Actor(kind: .account(AccountID(rawValue: 1), username: "x"),
                  grants: [Grant(id: 1, accountID: AccountID(rawValue: 1), role: role, scopeAreaID: scope, purpose: .usual(for: role), grantedBy: "t", reason: "t",
                                 startsAt: .now, expiresAt: .now.adding(seconds: 3_600))],
                  personID: personID)
        }
        #expect(AccessPolicy.contactChangeGrant(of: .elector(person, in: [ward]), actor: actor(.organiser, scope: ward), purpose: .campaignPlanning) != nil)
        #expect(AccessPolicy.contactChangeGrant(of: .elector(person, in: [AreaID(rawValue: 11)]), actor: actor(.organiser, scope: ward), purpose: .campaignPlanning) == nil)
        #expect(AccessPolicy.contactChangeGrant(of: .elector(person, in: [ward]), actor: actor(.organiser, scope: ward), purpose: .canvassing) == nil)
        #expect(AccessPolicy.contactChangeGrant(of: .elector(person, in: [ward]), actor: actor(.canvasser, scope: ward), purpose: .canvassing) == nil)
        #expect(AccessPolicy.contactChangeGrant(of: .elector(person, in: []), actor: actor(.member, scope: nil, personID: person), purpose: .selfService) != nil)
        #expect(AccessPolicy.contactChangeGrant(of: .elector(PersonID(rawValue: 6), in: []), actor: actor(.member, scope: nil, personID: person), purpose: .selfService) == nil)
        #expect(AccessPolicy.contactChangeGrant(of: .elector(person, in: [ward]), actor: actor(.administrator, scope: nil), purpose: .accountAdministration) == nil)
    }
}
