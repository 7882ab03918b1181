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
    /// Signing in failed: the same answer for an unknown user and a wrong password.
    case signInFailed
    /// A uniqueness or state conflict (account name taken, database already initialised).
    case conflict(String)
    /// An import file had errors; nothing was imported.
    case importRejected(ImportReport)

    public var description: String {
        switch self {
        case .unauthenticated: "Sign in first."
        case .forbidden(let why): "Not allowed: \(why)"
        case .notFound(let what): "Not found: \(what)"
        case .invalidRequest(let why): "Invalid request: \(why)"
        case .signInFailed: "Sign-in failed: unknown username or wrong password."
        case .conflict(let why): "Conflict: \(why)"
        case .importRejected(let report): "Import rejected: \(report.problems.count) problem(s); nothing was imported."
        }
    }
}
