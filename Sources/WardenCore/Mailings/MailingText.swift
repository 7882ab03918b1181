/// The email one recipient of a mailing gets: its subject and body with their merge fields
/// filled, and the footer that says why they got it and, for campaigning, how to stop it.
public enum MailingText {
    /// The rendered subject and body. `unsubscribe` is the recipient's one-click link, which
    /// every campaigning email carries in its footer as well as its `List-Unsubscribe` header.
    public static func render(_ mailing: Mailing, for values: MergeFields.Values, unsubscribe: String?) -> (subject: String, body: String) {
        let subject = SafeText.line(MergeFields.fill(mailing.subject, with: values))
        var body = MergeFields.fill(mailing.body, with: values)
        if !body.hasSuffix("\n") { body += "\n" }
        body += "\n-- \n"
        switch mailing.mailClass {
        case .campaigning:
            body += "You get this email because you agreed to hear from the party in \(SafeText.line(values.area)).\n"
            if let unsubscribe { body += "To stop campaigning email, unsubscribe with one click: \(unsubscribe)\n" }
        case .service:
            body += "A service message to members in \(SafeText.line(values.area)): every member gets it, whatever their email preferences.\n"
        }
        return (subject, body)
    }
}
