/// Who is asking. Every call into the services carries one, and the Gate decides and
/// records by it.
public struct Actor: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A signed-in account, through a session.
        case account(AccountID, username: String)
        /// Whoever runs the `warden` CLI on the server: they hold the database file and the
        /// key ring already, so the CLI acts as them, and every such action is recorded.
        case localOperator(String)
        /// Someone with no account using one of the party's public pages (the volunteer
        /// form, an event's RSVP page), named by the page. Holds no grant, and no policy
        /// treats it as the operator: it may do only what the page itself does.
        case publicPage(String)

        public var accountID: AccountID? {
            if case .account(let id, _) = self { return id }
            return nil
        }
    }

    public var kind: Kind
    /// The grants in force for the actor at the time of the request.
    public var grants: [Grant]
    /// The person the account belongs to, for the member role's own-record scope.
    public var personID: PersonID?
    /// For an account, the session and access generation it was resolved from; the Gate's
    /// writes check it still holds. `nil` for the local operator.
    public var standing: AccessStanding?

    /// An actor holding `grants`.
    public init(kind: Kind, grants: [Grant], personID: PersonID? = nil, standing: AccessStanding? = nil) {
        self.kind = kind
        self.grants = grants
        self.personID = personID
        self.standing = standing
    }

    /// The roles the actor holds through its grants.
    public var roles: Set<Role> { Set(grants.map(\.role)) }

    public var accountID: AccountID? { kind.accountID }

    /// A name for audit listings: the username, `operator:<os user>` or `public:<page>`. Never
    /// personal data of a subject.
    public var label: String {
        switch kind {
        case .account(_, let username): username
        case .localOperator(let user): "operator:\(user)"
        case .publicPage(let page): "public:\(page)"
        }
    }
}
