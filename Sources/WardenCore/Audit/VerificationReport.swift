/// What `warden verify` found: how much it checked and every sign of tampering, each
/// naming what was altered.
public struct VerificationReport: Sendable, Hashable, Codable {
    public var entries: Int
    public var versions: Int
    public var people: Int
    /// The largest checkpoint size checked against the recomputed tree.
    public var checkpointSize: Int
    public var findings: [String]
    /// Erasures carried out: records removed on purpose, which are not findings.
    public var erasures: [ErasureTally]
    /// Restores from backups the log went through: the history they cut, which is not a finding.
    public var restores: [LogRestore]

    public init(entries: Int = 0, versions: Int = 0, people: Int = 0, checkpointSize: Int = 0, findings: [String] = [],
                erasures: [ErasureTally] = [], restores: [LogRestore] = []) {
        self.entries = entries
        self.versions = versions
        self.people = people
        self.checkpointSize = checkpointSize
        self.findings = findings
        self.erasures = erasures
        self.restores = restores
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

/// What one erasure removed, as `verify` counts it: how many people's records, and how many
/// versions it emptied while their hashes stay under the log.
public struct ErasureTally: Sendable, Hashable, Codable {
    public var erasure: ErasureID
    public var people: Int
    public var versions: Int

    public init(erasure: ErasureID, people: Int, versions: Int) {
        self.erasure = erasure
        self.people = people
        self.versions = versions
    }

    /// "3 records erased under erasure 7 (12 versions emptied, their hashes kept)".
    public var summary: String {
        "\(people) record\(people == 1 ? "" : "s") erased under erasure \(erasure) (\(versions) version\(versions == 1 ? "" : "s") emptied, their hashes kept)"
    }
}
