/// What a backup says about itself, inside its encryption beside the database and in the
/// clear beside the file: enough to decide, before trusting a byte of it, whether it is whole,
/// which Warden and schema made it, and where in the log's history it stands.
///
/// The checkpoint is the newest signed one the snapshot contains, note and all: a restore
/// checks its signature with the log's key and then that the witnessed history extends it,
/// so a backup cannot claim a place in the history it does not have.
public struct BackupManifest: Sendable, Hashable, Codable {
    /// The format, so a later Warden knows how to read an older backup.
    public static let currentFormat = "warden-backup/1"
    /// The database's name inside the archive: the SQLite file, or PostgreSQL's `pg_dump`
    /// archive (custom format, for `pg_restore`).
    public static func databaseName(for engine: String) -> String {
        engine == "postgresql" ? "warden.pgdump" : "warden.sqlite"
    }

    /// Every name a database may have inside the archive.
    public static let databaseNames = ["warden.sqlite", "warden.pgdump"]
    /// The manifest's name inside the archive and the suffix of the copy beside the file.
    public static let manifestName = "manifest.json"

    public var format: String
    public var created: Timestamp
    public var wardenVersion: String
    /// `sqlite`: the file as `VACUUM INTO` wrote it; `postgresql`: a `pg_dump` archive.
    public var engine: String
    /// The last schema step the snapshot had applied.
    public var schemaVersion: String
    /// Log entries in the snapshot (its tree's size once integrated).
    public var logSize: UInt64
    /// The newest signed checkpoint in the snapshot, if the log had one.
    public var checkpoint: Checkpoint?
    /// SHA-256 of the database file, lowercase hex.
    public var sha256: String
    public var bytes: Int64
    /// The public keys it is encrypted to (`age1…`): public, and what `warden keys backup`
    /// checks the key ring's own backup is not encrypted to.
    public var recipients: [String]
    /// The key-encryption key versions its sealed values are wrapped under: a key still
    /// needed by a backup kept is not retired (`warden keys retire`).
    public var keyVersions: [Int] = []

    public init(created: Timestamp, wardenVersion: String, engine: String, schemaVersion: String, logSize: UInt64,
                checkpoint: Checkpoint?, sha256: String, bytes: Int64, recipients: [String]) {
        self.format = Self.currentFormat
        self.created = created
        self.wardenVersion = wardenVersion
        self.engine = engine
        self.schemaVersion = schemaVersion
        self.logSize = logSize
        self.checkpoint = checkpoint
        self.sha256 = sha256
        self.bytes = bytes
        self.recipients = recipients
    }

    /// A signed checkpoint: its size and root for people to read, and the note that proves them.
    public struct Checkpoint: Sendable, Hashable, Codable {
        public var size: UInt64
        /// The root hash, lowercase hex.
        public var root: String
        public var note: String

        public init(_ stored: StoredCheckpoint) {
            size = stored.size
            root = Hex.encode(stored.rootHash)
            note = stored.note
        }
    }
}
