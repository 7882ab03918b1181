import WardenCore

/// Tells a member that someone else changed their contact details: a notice to the old and
/// to the new contact point of each changed kind, each with its own "this wasn't me" link.
///
/// Email goes through the outbox (delivered over SMTP); postal notices wait in the print
/// queue; texts are recorded but wait for an SMS gateway Warden does not have yet.
/// Notices carry no values, only which kind of detail changed and when.
///
/// A rollback (`restoring`) is the exception to "old and new": the old contact points are
/// the ones an intruder planted, so they are told nothing — a notice there would tell the
/// intruder the rollback happened, and its "this wasn't me" link would be theirs to press.
/// Only the restored points hear, with a notice that their details were put back and no link.
struct ChangeNotices<Ledger: WriteLedger> {
    let ledger: Ledger
    let maker: NoticeMaker
    let at: Timestamp
    /// The change puts back details from before someone else's change (a rollback).
    var restoring = false

    func queue(for version: PersonVersion, previous: PersonState?) throws -> Int {
        var count = 0
        for field in version.fields {
            guard let key = PersonState.Key(rawValue: field), PersonState.Key.contactDetails.contains(key) else { continue }
            let old = previous?.contactPoints(key) ?? []
            let new = version.state.contactPoints(key)
            if restoring {
                for planted in old where !new.contains(where: { $0.value == planted.value }) {
                    try withdrawUnsentNotices(to: planted, of: version.personID)
                }
            }
            let points = restoring ? new.filter { point in !old.contains { $0.value == point.value } } : old + new
            var seen = Set<String>()
            for point in points where seen.insert(point.value).inserted {
                try queue(point, field: key, version: version)
                count += 1
            }
        }
        return count
    }

    private func queue(_ point: ContactPoint, field: PersonState.Key, version: PersonVersion) throws {
        let (token, hash) = maker.token()
        let (channel, status): (NewChangeNotice.Channel, NewChangeNotice.Status) = switch point.kind {
        case .email: (.email, .queued)
        case .phone: (.sms, .noGateway)
        case .postal: (.post, .toPrint)
        }
        try ledger.addChangeNotice(NewChangeNotice(person: version.personID, versionID: version.id, field: field, channel: channel,
                                                   recipient: point.value, tokenHash: hash, at: at, status: status))
        guard point.kind == .email else { return }
        let what = switch field {
        case .email: "email address"
        case .phone: "phone number"
        default: "postal address"
        }
        let (subject, body) = restoring ? restoredNotice(what) : changedNotice(what, token: token)
        try ledger.queueMail(to: point.value, subject: subject, body: body, at: at)
    }

    /// Takes back the notices (with their "this wasn't me" links) still waiting in the outbox
    /// for a contact point the rollback removes: once the DPO has undone the change, the
    /// address it planted must not receive anything more about this person.
    private func withdrawUnsentNotices(to point: ContactPoint, of person: PersonID) throws {
        // Letters and texts have no state for "withdrawn"; nothing sends them yet.
        guard point.kind == .email else { return }
        try ledger.withdrawQueuedNotices(to: point.value, about: person, subjectsEndingWith: Self.changedSubjectEnd)
    }

    /// How the subject of a change notice (and not of a restoration) ends.
    static var changedSubjectEnd: String { " was changed" }

    private var when: String { "\(at.description.prefix(10)) at \(at.description.dropFirst(11).prefix(5)) UTC" }

    /// The notice of a change by someone else, with the member's "this wasn't me" link.
    private func changedNotice(_ what: String, token: String) -> (subject: String, body: String) {
        ("Your \(what) on our membership records" + Self.changedSubjectEnd,
         """
         The \(what) on your membership record was changed on \(when) by someone other than you.

         We write to both the old and the new contact details whenever this happens.

         If this wasn't you, or someone you asked, tell us here and our data protection officer will look into it:
         \(maker.link(token))

         """)
    }

    /// The notice to a restored contact point: what happened, and no link, since there is
    /// nothing for the member to dispute and the notice must be safe even if forwarded.
    private func restoredNotice(_ what: String) -> (subject: String, body: String) {
        ("Your \(what) on our membership records was restored",
         """
         Someone other than you changed the \(what) on your membership record. Our data protection officer \
         has undone that change: on \(when) your \(what) was restored to this one.

         You need do nothing. If you have questions, contact our data protection officer.

         """)
    }
}
