import Foundation
import GRDB
import WardenCore

/// Tells a member that someone else changed their contact details: a notice to the old and
/// to the new contact point of each changed kind, each with its own "this wasn't me" link.
///
/// Email goes through the outbox (delivered over SMTP); postal notices wait in the print
/// queue; texts are recorded but wait for an SMS gateway Warden does not have yet.
/// Notices carry no values, only which kind of detail changed and when.
struct ChangeNotices {
    let db: Database
    let maker: NoticeMaker
    let at: Timestamp

    func queue(for version: PersonVersion, previous: PersonState?) throws -> Int {
        var count = 0
        for field in version.fields {
            guard let key = PersonState.Key(rawValue: field), PersonState.Key.contactDetails.contains(key) else { continue }
            let points = (previous?.contactPoints(key) ?? []) + version.state.contactPoints(key)
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
        let channel: String, status: String
        switch point.kind {
        case .email: (channel, status) = ("email", "queued")
        case .phone: (channel, status) = ("sms", "no_gateway")
        case .postal: (channel, status) = ("post", "to_print")
        }
        try db.execute(sql: """
            INSERT INTO change_notice (person_id, version_id, field, channel, recipient, token_hash, created_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [version.personID.rawValue, version.id, field.rawValue, channel, point.value, Data(hash), at.description, status])
        guard point.kind == .email else { return }
        let what = switch field {
        case .email: "email address"
        case .phone: "phone number"
        default: "postal address"
        }
        try db.execute(sql: "INSERT INTO outbox (created_at, recipient, subject, body, next_attempt_at) VALUES (?, ?, ?, ?, ?)", arguments: [
            at.description, point.value, "Your \(what) on our membership records was changed",
            """
            The \(what) on your membership record was changed on \(at.description.prefix(10)) at \(at.description.dropFirst(11).prefix(5)) UTC \
            by someone other than you.

            We write to both the old and the new contact details whenever this happens.

            If this wasn't you, or someone you asked, tell us here and our data protection officer will look into it:
            \(maker.link(token))

            """,
            at.description,
        ])
    }
}
