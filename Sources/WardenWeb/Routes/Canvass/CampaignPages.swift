/// The organiser's pages' models: a campaign with its charts and walk lists, and a printed
/// walk sheet.
enum CampaignPages {
    struct Campaign {
        var chrome: Chrome
        var id: Int64
        var name: String
        var dates: String
        var total: String
        var charts: [Chart]
        var lists: [ListRow]
        var districts: [String]
    }
    struct Chart { var svg: String }
    struct ListRow {
        var id: Int64
        var name: String
        var doors: Int
        var holder: String?
        var sheets: [SheetRow]
    }
    struct SheetRow { var serial: String; var status: String; var out: Bool }

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
    struct SheetPerson { var name: String; var elector: String }
}
