/// What `warden verify` found: how much it checked and every sign of tampering, each
/// naming what was altered.
public struct VerificationReport: Sendable, Hashable, Codable {
    public var entries: Int
    public var versions: Int
    public var people: Int
    /// The largest checkpoint size checked against the recomputed tree.
    public var checkpointSize: Int
    public var findings: [String]

    public init(entries: Int = 0, versions: Int = 0, people: Int = 0, checkpointSize: Int = 0, findings: [String] = []) {
        self.entries = entries
        self.versions = versions
        self.people = people
        self.checkpointSize = checkpointSize
        self.findings = findings
    }

    public var isIntact: Bool { findings.isEmpty }
}

/// A checkpoint whose signature has been checked, to compare with the recomputed tree.
public struct TrustedCheckpoint: Sendable, Hashable {
    public var size: Int
    public var rootHash: [UInt8]
    /// Where it came from, for findings: "the witness directory", "the database".
    public var source: String

    public init(size: Int, rootHash: [UInt8], source: String) {
        self.size = size
        self.rootHash = rootHash
        self.source = source
    }
}
