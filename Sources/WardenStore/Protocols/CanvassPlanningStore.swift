public import WardenCore

/// Campaigns, walk lists and printed sheets: identifiers and counts, no one's data.
public protocol CanvassPlanningStore: Sendable {
    func createCampaign(_ campaign: NewCampaign, createdBy: String, audit: AuditEvent) async throws -> Campaign
    func campaigns() async throws -> [Campaign]
    /// The survey the party defined for its campaigns, or `nil` when it has defined none.
    func partySurvey() async throws -> Survey?
    /// Sets the party's survey, with its audit entry, in one transaction.
    func setPartySurvey(_ survey: Survey, audit: AuditEvent) async throws
    func campaign(_ id: CampaignID) async throws -> Campaign?
    /// Cuts a district's households, in walking order, into lists; refuses a district the
    /// campaign already has lists for.
    func cutWalkLists(_ cut: WalkListCut, audit: AuditEvent) async throws -> [WalkList]
    func walkLists(campaign: CampaignID) async throws -> [WalkList]
    /// For each of a campaign's lists, how many of its doors have a result recorded on it:
    /// counts, read without reading anyone.
    func doorsDone(campaign: CampaignID) async throws -> [WalkListID: Int]
    func walkList(_ id: WalkListID) async throws -> WalkList?
    /// The walk lists assigned to `account` and in force at `instant`.
    func walkLists(heldBy account: AccountID, at instant: Timestamp) async throws -> [WalkList]
    /// Assigns a list in one transaction: checks it, creates the canvasser's grant scoped to it, records.
    func assignWalkList(_ request: WalkListAssignmentRequest) async throws -> WalkList
    /// Ends an assignment early, revoking the list's grant.
    func endWalkListAssignment(_ id: WalkListID, by: String, at instant: Timestamp, audit: AuditEvent) async throws
    /// Records a printed copy and returns its serial.
    func printWalkSheet(_ id: WalkListID, by: String, at instant: Timestamp, audit: AuditEvent) async throws -> WalkSheet
    func walkSheets(_ id: WalkListID) async throws -> [WalkSheet]
    func closeWalkSheet(serial: String, as status: WalkSheet.Status, by: String, at instant: Timestamp, audit: AuditEvent) async throws -> WalkSheet
}
