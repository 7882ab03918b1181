/// Errors the services raise, each with a message a user can act on and no personal data.
///
/// The web layer maps each case to an HTTP status and an RFC 9457 problem body; the CLI
/// prints the message and exits non-zero.
public enum WardenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not signed in, or the session ended.
    case unauthenticated
    /// Signed in, but this action or these people are outside the actor's grants. The message
    /// never says whether the person exists.
    case forbidden(String)
    /// Nothing at this identifier that the actor may see.
    case notFound(String)
    /// The request itself is malformed.
    case invalidRequest(String)
    /// Signing in failed: the same answer for an unknown user, a wrong password and a missing
    /// or wrong second-factor code.
    case signInFailed
    /// A uniqueness or state conflict (account name taken, database already initialised).
    case conflict(String)
    /// An import file had errors; nothing was imported.
    case importRejected(ImportReport)
    /// The reader's daily budget of distinct people is spent.
    case budgetExhausted(String)
    /// Too many failed sign-ins for this username or from this client; the same for every username.
    case tooManyAttempts
    /// The account's access has ended (membership lapsed, resigned, suspended, expelled, or revoked).
    case accessEnded

    public var description: String {
        switch self {
        case .unauthenticated: "Sign in first."
        case .forbidden(let why): "Not allowed: \(why)"
        case .notFound(let what): "Not found: \(what)"
        case .invalidRequest(let why): "Invalid request: \(why)"
        case .signInFailed: "Sign-in failed: unknown username, wrong password, or a missing or wrong code from your authenticator app."
        case .conflict(let why): "Conflict: \(why)"
        case .importRejected(let report): "Import rejected: \(report.problems.count) problem(s); nothing was imported."
        case .budgetExhausted(let why): "Read budget reached: \(why). The data protection officer has been told."
        case .tooManyAttempts: "Too many sign-in attempts: wait 15 minutes and try again."
        case .accessEnded: "Your access has ended. Ask your membership secretary or the data protection officer."
        }
    }
}
