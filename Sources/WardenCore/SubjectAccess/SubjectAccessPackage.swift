/// The facts of a subject access answer, as its JSON file holds them (Art. 15 and, for
/// portability, Art. 20): every record confirmed as the requester's, who consulted them, and
/// the processing register's answers to Art. 15(1)(a)–(h) and 15(2).
public struct SubjectAccessPackage: Sendable, Hashable, Codable {
    /// Names the layout, so a later change to it can be told apart.
    public var format: String
    /// The case the package answers, or `nil` for a member's own download.
    public var caseID: SubjectAccessCaseID?
    public var generatedAt: Timestamp
    public var records: [SubjectAccessRecord]
    /// Every entry of the log naming any of the records, oldest first.
    public var consultations: [Consultation]
    public var processing: ProcessingRegister

    public static let currentFormat = "warden-subject-access/1"

    public init(caseID: SubjectAccessCaseID?, generatedAt: Timestamp, records: [SubjectAccessRecord], consultations: [Consultation],
                processing: ProcessingRegister) {
        format = Self.currentFormat
        self.caseID = caseID
        self.generatedAt = generatedAt
        self.records = records
        self.consultations = consultations
        self.processing = processing
    }
}
