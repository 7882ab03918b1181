/// The doorstep pages' models: a canvasser's lists, one list's stops, and one stop's form.
enum DoorstepPages {
    struct Home {
        var chrome: Chrome
        var lists: [ListRow]
        var campaigns: [CampaignRow]
        var hasLists = false
        var hasCampaigns = false
    }
    struct ListRow { var id: Int64; var name: String; var doors: Int; var until: String }
    struct CampaignRow { var id: Int64; var name: String; var dates: String }

    struct List {
        var chrome: Chrome
        var id: Int64
        var name: String
        var campaign: String
        var done: Int
        var people: Int
        var stops: [StopRow]
    }
    struct StopRow { var position: Int; var address: String; var street: String; var residents: Int; var done: Bool }

    struct Stop {
        var chrome: Chrome
        var listID: Int64
        var listName: String
        var position: Int
        var of: Int
        var address: String
        var previous: Int?
        var next: Int?
        var residents: [ResidentRow]
        var parties: [String]
        var certainties: [String]
        var issues: [String]
        var outcomes: [OutcomeButton]
    }
    struct ResidentRow { var id: Int64; var name: String; var elector: String; var last: String? }
    struct OutcomeButton { var value: String; var title: String }
}
