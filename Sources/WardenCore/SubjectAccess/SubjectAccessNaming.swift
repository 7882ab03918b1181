/// How a subject access package names whoever read, changed or canvassed the record: by the
/// role they acted in, and by username only where the party chose to name readers
/// (``SubjectAccessSettings/namesReaders``; off by default, as the readers are people too).
public enum SubjectAccessNaming {
    /// "Membership secretary", or "Membership secretary (jsmith)" when readers are named.
    /// The server's own operator (imports, the command line) and its schedule are named as such,
    /// and so are the public pages ("The party's public volunteer form").
    public static func name(actor: String, role: Role?, namesReaders: Bool) -> String {
        if actor.hasPrefix("operator:") { return "The party's server operator" }
        if actor.hasPrefix("public:") { return "The party's public \(actor.dropFirst("public:".count))" }
        let base = role?.title ?? "an account with no grant in force"
        return namesReaders ? "\(base) (\(actor))" : base
    }

    /// The role `account` acted in at `instant`: its grant in force then for `purpose` (or,
    /// for a purpose a grant also serves, any grant serving it), else any grant in force then.
    public static func role(of account: AccountID, at instant: Timestamp, purpose: Purpose?, grants: [Grant]) -> Role? {
        let inForce = grants.filter {
            $0.accountID == account && $0.startsAt <= instant && instant < $0.expiresAt && ($0.revokedAt.map { instant < $0 } ?? true)
        }
        if let purpose, let serving = inForce.first(where: { AccessPolicy.serves($0, purpose) }) { return serving.role }
        return inForce.first?.role
    }

    /// The consultation an entry of the log records.
    public static func consultation(_ event: AuditEvent, entryIndex: Int64?, grants: [Grant], namesReaders: Bool) -> Consultation {
        let acting = event.accountID.flatMap { Self.role(of: $0, at: event.at, purpose: event.purpose, grants: grants) }
        return Consultation(
            entryIndex: entryIndex, at: event.at, action: event.action.rawValue, purpose: event.purpose?.rawValue,
            outcome: event.outcome.rawValue, role: name(actor: event.actor, role: acting, namesReaders: false),
            reader: namesReaders && event.accountID != nil ? event.actor : nil,
            dataClasses: event.dataClasses.map(\.rawValue).sorted())
    }
}

/// The party's choices about subject access, kept as settings.
public enum SubjectAccessSettings {
    /// The setting that, when "true", names the readers of a record to its subject.
    public static let namesReadersKey = "sar_names_readers"
}
