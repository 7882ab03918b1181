/// What a store refuses or cannot do, in its own words: every engine throws these and only
/// these for the store's own failures, so the services and the boundaries (the web's RFC 9457
/// problems, the CLI's messages) see the same error whichever engine answered. A decision
/// closure the services pass in throws their own errors, which pass through unchanged.
///
/// Declared here rather than in `WardenStore` so the boundaries can map it without importing
/// the store, which nothing above the services may do. Messages name identifiers and states,
/// never a person's data.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing stored at this identifier.
    case notFound(String)
    /// The write conflicts with what is stored: a name taken, a state already moved on.
    case conflict(String)
    /// The request contradicts what is stored: an area under a parent that is not there.
    case invalid(String)
    /// The database cannot be opened or created.
    case unavailable(String)

    public var description: String {
        switch self {
        case .notFound(let what): "Not found: \(what)"
        case .conflict(let why): "Conflict: \(why)"
        case .invalid(let why): "Invalid request: \(why)"
        case .unavailable(let why): "Database unavailable: \(why)"
        }
    }
}
