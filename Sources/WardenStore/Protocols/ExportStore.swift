public import WardenCore

/// Export requests through their life, and the marks and decoys that trace a leaked file
/// back to one. Reading the people of an export is the Gate's (``PersonalDataStore``).
public protocol ExportStore: Sendable {
    /// Records `draft` (its identifier is assigned here) with `audit`.
    func createExport(_ draft: ExportRequest, audit: AuditEvent) async throws -> ExportRequest
    func export(_ id: ExportID) async throws -> ExportRequest?
    /// The newest first.
    func exports(limit: Int) async throws -> [ExportRequest]
    /// Every request whose file is still kept, oldest first: those the expiry looks at.
    func exportsHoldingFiles() async throws -> [ExportRequest]
    /// Writes `updated` if the request is still in state `from`, with `audit`, and what the
    /// move brings: the file with its marks and decoys, the link's hash, the mail that carries
    /// it; with `dropFile`, the file is deleted. `false` when another request moved it first.
    func moveExport(_ updated: ExportRequest, from: ExportRequest.State, audit: AuditEvent, made: MadeExport?, dropFile: Bool) async throws -> Bool
    /// The encrypted file of a made export, until it is fetched through its link or expires.
    func exportFile(_ id: ExportID) async throws -> [UInt8]?
    /// Distinct people charged to `account`'s read budget in the rolling day before `instant`.
    func peopleCharged(to account: AccountID, before instant: Timestamp) async throws -> Int
    /// The ready request whose one-time link hashes to `hash`.
    func exportByLink(hash: [UInt8]) async throws -> ExportRequest?
    /// Every name, email and phone a decoy has been given, so a new decoy is unlike them all.
    func decoyKeys() async throws -> Set<String>
    /// The export whose decoy each of `keys` is, for those that are one.
    func decoyExports(keys: Set<String>) async throws -> [String: ExportID]
    /// Where each of `tokens` sat in every export that held it.
    func exportHits(tokens: Set<Int64>) async throws -> [Int64: [ExportTrace.Hit]]
}

/// What making an export's file leaves in the store besides the request.
public struct MadeExport: Sendable {
    /// The file as age ciphertext, never plain; `nil` for a sheet printed on paper.
    public var file: [UInt8]?
    /// Each row's tokens (``ExportLayout/tokens(_:)``), by row.
    public var marks: [(row: Int, token: Int64)]
    public var decoyKeys: [String]
    /// The hash of the one-time link's token, for a link delivery.
    public var linkHash: [UInt8]?
    /// The email carrying the link (never the file).
    public var mail: (recipient: String, subject: String, body: String)?

    public init(file: [UInt8]?, marks: [(row: Int, token: Int64)], decoyKeys: [String], linkHash: [UInt8]?, mail: (recipient: String, subject: String, body: String)?) {
        self.file = file
        self.marks = marks
        self.decoyKeys = decoyKeys
        self.linkHash = linkHash
        self.mail = mail
    }
}
