/// The organiser's pages' models: a campaign with its charts and walk lists, and a printed
/// walk sheet.
enum CampaignPages {
    struct Campaign {
        var chrome: Chrome
        var id: Int64
        var name: String
        var dates: String
        var total: String
        var charts: [ChartFigure]
        var lists: [ListRow]
        var districts: [DistrictChoice]
        /// Every district in reach already has lists: the form says so instead of offering one.
        var allCut: Bool
    }
    struct DistrictChoice { var code: String; var label: String; var selected: Bool }
    struct ListRow {
        var id: Int64
        var name: String
        var doors: Int
        /// Doors with a result recorded on this list.
        var done: Int
        /// Who may be given this list (their canvasser grants cover its district).
        var canvassers: [String]
        var hasCanvassers: Bool
        var holder: String?
        /// When the holder's assignment ends, as people read it.
        var until: String?
        var sheets: [SheetRow]
    }
    struct SheetRow { var serial: String; var status: String; var out: Bool }

    /// The message after an action on the campaign page (`?done=`).
    static func message(for done: String) -> String? {
        switch done {
        case "created": "Campaign started. Cut its polling districts into walk lists below."
        case "cut": "Walk lists cut. Assign each to a canvasser below."
        case "assigned": "List assigned. The canvasser sees it under My lists until the time shown."
        case "ended": "List taken back. Its canvasser no longer sees it."
        case "returned": "Sheet marked returned."
        case "destroyed": "Sheet marked destroyed."
        case let done where done.hasPrefix("entered-"):
            "Sheet typed in: \(done.dropFirst("entered-".count)) results recorded, and the sheet marked returned."
        default: nil
        }
    }

    struct Sheet {
        var chrome: Chrome
        var serial: String
        var name: String
        var campaign: String
        var printedBy: String
        var printedAt: String
        var stops: [SheetStop]
        var outcomes: [String]
    }
    struct SheetStop { var position: Int; var address: String; var people: [SheetPerson] }

    /// Typing in a returned sheet: its doors and residents, each with the outcomes a sheet records.
    struct SheetEntry {
        var chrome: Chrome
        var serial: String
        var name: String
        var campaignID: Int64
        var stops: [EntryStop]
        var outcomes: [DoorstepPages.OutcomeButton]
    }
    struct EntryStop { var position: Int; var address: String; var people: [EntryPerson] }
    struct EntryPerson { var id: Int64; var name: String; var elector: String }
    struct SheetPerson { var name: String; var elector: String }
}
