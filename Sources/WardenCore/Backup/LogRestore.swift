/// The database restored from a backup, as the log itself records it: the entry that goes on
/// from the backup's last one says where the history was cut and how much witnessed history
/// was lost, so `verify` can tell the loss from a silent rewrite.
public struct LogRestore: Sendable, Hashable, Codable {
    /// The restore's own entry: the backup held `entry` entries and this one comes next.
    public var entry: UInt64
    /// The backup's file name.
    public var backup: String
    /// The backup's newest signed checkpoint.
    public var backupCheckpoint: UInt64
    /// The newest checkpoint the witness directory had seen before the restore, and its root.
    public var witnessedSize: UInt64
    public var witnessedRoot: [UInt8]
    /// Witnessed entries the restored database does not have.
    public var lost: UInt64 { witnessedSize > entry ? witnessedSize - entry : 0 }
    public var at: Timestamp

    public init(entry: UInt64, backup: String, backupCheckpoint: UInt64, witnessedSize: UInt64, witnessedRoot: [UInt8], at: Timestamp) {
        self.entry = entry
        self.backup = backup
        self.backupCheckpoint = backupCheckpoint
        self.witnessedSize = witnessedSize
        self.witnessedRoot = witnessedRoot
        self.at = at
    }

    /// The restore entry's text: the same facts, in the log where they cannot be changed unseen.
    public var detail: String {
        "restore: from backup \(backup) (checkpoint \(backupCheckpoint)); the log goes on from entry \(entry); "
            + "\(witnessedSize) entries were witnessed, \(lost) of them lost"
    }
}
