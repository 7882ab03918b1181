/// How failed sign-ins are counted, when they lock, and when the DPO is told: pure.
///
/// Locking an account after five failures from anywhere let anyone lock the DPO out. Failures
/// are counted per (username, client) pair, per client and per username: a pair locks after
/// ``pairLimit``, a client after ``clientLimit`` whatever usernames it tries, and a username
/// only after ``usernameLimit`` failures from many clients (a distributed guess). Each limit,
/// when first reached in a window, raises one alert; alerts about unknown usernames are one
/// per client, so typing new usernames cannot flood the DPO.
public enum SignInThrottle {
    public static let pairLimit = 5
    public static let clientLimit = 20
    public static let usernameLimit = 100
    /// Seconds a failure counts for.
    public static let window: Int64 = 15 * 60

    /// Failures in the window.
    public struct Counts: Sendable, Hashable {
        public var pair: Int
        public var client: Int
        public var username: Int

        public init(pair: Int, client: Int, username: Int) {
            self.pair = pair
            self.client = client
            self.username = username
        }
    }

    /// Whether a sign-in with these recent failures is refused before any password is checked.
    public static func isLocked(_ counts: Counts) -> Bool {
        counts.pair >= pairLimit || counts.client >= clientLimit || counts.username >= usernameLimit
    }

    /// How a tried username is recorded: as typed when it could be a username, else a fixed
    /// label, so the failure table and alerts never hold arbitrary text.
    public static func recordedName(_ username: String) -> String {
        Username.isValid(username) ? username : "(not a username)"
    }

    /// The alert to raise after a failure that brought the counts to `counts`, if one of the
    /// limits has just been reached. `known` says whether the username is an account.
    public static func alert(after counts: Counts, username: String, account: AccountID?, client: String) -> AlertDraft? {
        let name = account == nil ? "unknown usernames" : recordedName(username)
        if counts.username == usernameLimit {
            return AlertDraft(kind: .failedSignIns, accountID: account, actor: name,
                              detail: "\(counts.username) failed sign-ins in 15 minutes from several clients; this username is locked for now")
        }
        if counts.client == clientLimit {
            return AlertDraft(kind: .failedSignIns, accountID: nil, actor: "client \(client)",
                              detail: "\(counts.client) failed sign-ins in 15 minutes; this client is refused for now")
        }
        if counts.pair == pairLimit {
            return AlertDraft(kind: .failedSignIns, accountID: account, actor: name,
                              detail: "\(counts.pair) failed sign-ins in 15 minutes from client \(client); refused from that client for now")
        }
        return nil
    }
}

/// Account names: 3–64 ASCII letters, digits, dots, dashes or underscores.
public enum Username {
    public static func isValid(_ name: String) -> Bool {
        (3...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
