/// One thing wrong with one line of an import file, printed as `FILE:LINE: field: problem`.
///
/// Problems name the column and what is wrong with it, never the value: a bad date of birth
/// says "not a date", not the date.
public struct ImportProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line where the record starts (the header is line 1).
    public var line: Int
    public var field: String
    public var problem: String

    public init(file: String, line: Int, field: String, problem: String) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(file):\(line): \(field): \(problem)" }
}

/// What an import did, or would do with `--dry-run`, or why it did nothing.
public struct ImportReport: Sendable, Hashable, Codable {
    public var file: String
    public var layout: String
    public var rows: Int = 0
    /// People new to Warden.
    public var added: Int = 0
    /// Existing people matched and kept, whose entry changed (renumbered, moved, renamed, status).
    public var changed: Int = 0
    /// Existing people matched with nothing changed.
    public var unchanged: Int = 0
    /// Entries no longer present (electors off the register).
    public var removed: Int = 0
    /// Entries passed over: people erased whom the party must not contact again.
    public var suppressed: Int = 0
    /// Members linked to an elector.
    public var linked: Int = 0
    public var households: Int = 0
    /// What changed about matched people, by kind (`renumbered`, `moved`, `renamed` …): counts only.
    public var changes: [String: Int] = [:]
    public var problems: [ImportProblem] = []
    public var dryRun: Bool = false

    public init(file: String, layout: String) {
        self.file = file
        self.layout = layout
    }
}

/// A parsed line of an import file: the value, or everything wrong with the line.
public struct ImportLine<Value: Sendable>: Sendable {
    /// 1-based physical line the record starts on.
    public var line: Int
    public var result: Parsed<Value>

    public init(line: Int, result: Parsed<Value>) {
        self.line = line
        self.result = result
    }
}

/// How an import runs: which file, as whom, and whether to keep the result.
public struct ImportOptions: Sendable {
    public var file: String
    public var layout: String
    public var dryRun: Bool
    public var actor: Actor
    public var purpose: Purpose
    /// The keyed hash of suppression identifiers (``SuppressionIdentifiers``), set by the Gate
    /// from the key ring, so an import can pass over people erased and not to be contacted.
    public var suppressionHash: (@Sendable (String) -> [UInt8])?
    /// An application to join: a membership number already in use is a problem, never an
    /// update of that member.
    public var onlyNewMembers = false

    public init(file: String, layout: String, dryRun: Bool, actor: Actor, purpose: Purpose = .registerMaintenance) {
        self.file = file
        self.layout = layout
        self.dryRun = dryRun
        self.actor = actor
        self.purpose = purpose
    }
}

/// A line's parse: its value, or every problem found on it.
public enum Parsed<Value: Sendable>: Sendable {
    case value(Value)
    case problems([ImportProblem])
}
