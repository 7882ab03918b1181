import Testing
import WardenCore

/// The one renderer of state text: the bytes every engine's versions and the log hash.
@Suite struct PersonStateRenderTests {
    func everything() -> PersonSnapshot {
        var record = PersonSnapshot(personID: 7, title: "Dr", forenames: "Ann\tMarie", surname: "O\\Neil", dateOfBirth: "1970-01-31")
        record.address = .init(lines: "1 High Street\nFellwick", postcode: "FW1 1AB")
        record.elector = .init(pollingDistrictID: 9, prefix: "AA", number: 12, suffix: 0, markers: "F E", franchise: nil,
                               attainerDate: "2027-03-01", anonymous: false, optedOut: true)
        record.membership = .init(number: "M-1", status: "active", joinedOn: "2020-05-01", statusSince: nil, branchAreaID: 4,
                                  duesPence: 500, duesFrequency: nil)
        // Out of order on purpose, and "É" sorts after "z" by its UTF-8 bytes (0xC3 0x89).
        record.contacts = [
            .init(kind: "phone", value: "07700 900123", consent: ""),
            .init(kind: "email", value: "Élodie@example.org", consent: "email"),
            .init(kind: "email", value: "ann@example.org", consent: "email,sms"),
            .init(kind: "postal", value: "2 Low Road\nFellwick", consent: "post"),
        ]
        record.canvass = [
            .init(uid: "u-1", campaignID: 3, walkListID: nil, outcome: "not_in", channel: "door", doNotContact: false,
                  at: "2026-11-29T10:00:00Z", sealedTag: nil),
            .init(uid: "u-2", campaignID: 3, walkListID: 5, outcome: "spoke", channel: "door", doNotContact: true,
                  at: "2026-11-29T11:00:00Z", sealedTag: PersonState.answerTag(Array(0..<20))),
        ]
        return record
    }

    @Test func rendersEveryKeyInOrderWithTheFirstEnginesBytes() {
        #expect(PersonState(everything()).text == """
            title=Dr
            forenames=Ann\\tMarie
            surname=O\\\\Neil
            date_of_birth=1970-01-31
            address=1 High Street\\nFellwick\\nFW1 1AB
            elector=9 AA-12.0 F E  2027-03-01 01
            membership_number=M-1
            membership_status=active
            joined_on=2020-05-01
            branch=4
            dues=500 
            email=ann@example.org\temail,sms
            email=Élodie@example.org\temail
            phone=07700 900123\t
            postal=2 Low Road\\nFellwick\tpost
            canvass=u-1 3 - not_in door 0 2026-11-29T10:00:00Z 
            canvass=u-2 3 5 spoke door 1 2026-11-29T11:00:00Z 0405060708090A0B0C0D0E0F10111213

            """)
    }

    @Test func leavesOutWhatIsMissingAndRoundTripsThroughItsKeys() {
        let bare = PersonState(PersonSnapshot(personID: 1, title: nil, forenames: "A", surname: "B", dateOfBirth: nil))
        #expect(bare.text == "forenames=A\nsurname=B\n")
        let full = PersonState(everything())
        #expect(full.values["forenames"] == ["Ann\tMarie"])
        #expect(full.contactPoints(.email).map(\.value) == ["ann@example.org", "Élodie@example.org"])
        #expect(PersonState.changedKeys(from: bare, to: full).first == "title")
        // The keys the renderer hands back are the ones a reader of the text finds.
        #expect(PersonState.rendered(everything()).keys == PersonState.changedKeys(from: nil, to: full))
    }
}
