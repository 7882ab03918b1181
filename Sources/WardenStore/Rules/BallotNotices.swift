import WardenCore

/// The letters a ballot sends its voters, each only to the contact points held at the freeze:
/// an address changed since then (perhaps by whoever is taking the vote) hears nothing.
struct BallotNotices {
    let sql: any SQLSession
    let ballot: Ballot

    /// The email addresses and postal addresses `person` had at the freeze.
    func contacts(of person: Int64) throws -> (emails: [String], postal: Int) {
        let rows = try sql.rows("SELECT kind, value FROM ballot_contact WHERE ballot_id = ? AND person_id = ? ORDER BY kind, value",
                                ballot.id.rawValue, person)
        var emails: [String] = []
        var postal = 0
        for row in rows {
            switch try row.text(0) {
            case "email": emails.append(try row.text(1))
            case "postal": postal += 1
            default: break
            }
        }
        return (emails, postal)
    }

    /// Queues `body` to every email in `held` (a voter's ``contacts(of:)``) but `except`;
    /// returns the emails queued and the postal addresses to write to.
    func send(_ subject: String, _ body: String, to held: (emails: [String], postal: Int), except: String? = nil, at: Timestamp) throws
        -> (emailed: Int, toPost: Int) {
        let emails = held.emails.filter { $0 != except }
        for email in emails {
            try AlertRows(sql: sql).queueMail(to: email, subject: subject, body: body, at: at)
        }
        return (emails.count, held.postal)
    }

    /// Why a voter hears of every credential: if it was not them, someone is voting in their name.
    func issued(_ channel: BallotChannel, replaced: Bool, usableFrom: Timestamp, by issuer: String, at: Timestamp) -> (String, String) {
        let again = replaced
            ? " It replaces the one issued before, which no longer works; it can be used from \(usableFrom) (UTC)."
            : ""
        return ("A ballot was issued in your name: \(ballot.title)", """
            A credential to vote in "\(ballot.title)" was issued in your name \(channel.words) on \(at) (UTC), by \(issuer).\(again)

            If this was you, there is nothing to do. If it was not, tell the returning officer (\(ballot.trustees.first?.username ?? "")) \
            at once: they can void it before it is used. This notice goes to the contact details you had when the electorate was \
            fixed, whatever has changed since.
            """)
    }

    func voided(by issuer: String, at: Timestamp) -> (String, String) {
        ("Your ballot credential was voided: \(ballot.title)", """
            The credential issued in your name for "\(ballot.title)" was voided on \(at) (UTC) by \(issuer). It can no longer be used. \
            Ask the returning officer (\(ballot.trustees.first?.username ?? "")) for a new one if you have not voted.
            """)
    }

    func attempted(_ outcome: BallotCastOutcome, at: Timestamp) -> (String, String) {
        let why = switch outcome {
        case .held(let until): "a credential issued again in your name, not usable until \(until) (UTC)"
        default: "a credential of yours that was voided"
        }
        return ("Someone tried to vote in your name: \(ballot.title)", """
            On \(at) (UTC) someone tried to vote in "\(ballot.title)" with \(why). No vote was taken. If it was not you, tell the \
            returning officer (\(ballot.trustees.first?.username ?? "")) now, so they can void it.
            """)
    }
}
