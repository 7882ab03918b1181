/// The access page: who can see an area, with the grants for administrators to approve or
/// revoke and the form to make one.
struct AccessPage {
    var chrome: Chrome
    var areas: [AreaOption]
    var lines: [ReportRow]
    var grants: [GrantRow]
    /// An administrator or the DPO: the grants are listed, with what they may approve.
    var mayListGrants: Bool
    var roles: [String]
    var purposes: [String]
    /// Canvasser accounts organisers asked for, for an administrator to open or decline.
    var volunteerAsks: [VolunteerAsk] = []
    var hasVolunteerAsks = false

    struct VolunteerAsk {
        var username: String
        var area: String
        var askedBy: String
        var askedAt: String
    }

    struct AreaOption {
        var id: String
        var name: String
        var selected: Bool
    }

    struct ReportRow {
        var username: String
        var role: String
        var scope: String
        var covers: String
        var until: String
        var pending: Bool
    }

    struct GrantRow {
        var id: String
        var username: String
        var role: String
        var scope: String
        var until: String
        var grantedBy: String
        var pending: Bool
        /// The reader may be this pending grant's second person.
        var mayApprove: Bool
    }

    /// Revoking a grant, asked before it is done: the holder loses the access at once.
    struct RevokeConfirmation {
        var chrome: Chrome
        var id: String
        var username: String
        var role: String
        var scope: String
    }

    /// The message after an action on the access page (`?done=`).
    static func message(for done: String) -> String? {
        switch done {
        case "granted": "Grant made. A grant that needs a second person's approval shows as pending until an administrator or the data protection officer approves it."
        case "approved": "Grant approved: it is in force now."
        case "revoked": "Grant revoked: its holder lost this access at once."
        case "volunteer-account": "Account opened, with a canvasser grant over the volunteer's area. Set up its authenticator below and give both to the volunteer in person."
        case "volunteer-declined": "Declined: the organiser's request is closed."
        case "account": "Account created, with no grant yet: grant it a role below. A role above member also needs an authenticator, set up below."
        default: nil
        }
    }
}
