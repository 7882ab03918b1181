/// The access page: who can see an area, with the grants for administrators to approve or
/// revoke and the form to make one.
struct AccessPage {
    var chrome: Chrome
    var areas: [AreaOption]
    var lines: [ReportRow]
    var grants: [GrantRow]
    var roles: [String]
    var purposes: [String]

    struct AreaOption {
        var id: String
        var name: String
        var selected: Bool
    }

    struct ReportRow {
        var username: String
        var role: String
        var scope: String
        var covers: String
        var until: String
        var pending: Bool
    }

    struct GrantRow {
        var id: String
        var username: String
        var role: String
        var scope: String
        var until: String
        var grantedBy: String
        var pending: Bool
    }
}
