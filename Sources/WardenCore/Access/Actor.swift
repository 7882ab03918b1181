/// Who is asking. Every call into the services carries one, and the Gate decides and
/// records by it.
public struct Actor: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A signed-in account, through a session.
        case account(AccountID, username: String)
        /// Whoever runs the `warden` CLI on the server: they hold the database file and the
        /// key ring already, so the CLI acts as them, and every such action is recorded.
        case localOperator(String)
    }

    public var kind: Kind
    /// The roles the actor holds right now, through active grants.
    public var roles: Set<Role>

    public init(kind: Kind, roles: Set<Role>) {
        self.kind = kind
        self.roles = roles
    }

    public var accountID: AccountID? {
        if case .account(let id, _) = kind { return id }
        return nil
    }

    /// A name for audit listings: the username or `operator:<os user>`. Never personal data of a subject.
    public var label: String {
        switch kind {
        case .account(_, let username): username
        case .localOperator(let user): "operator:\(user)"
        }
    }
}
