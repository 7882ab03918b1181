import WardenCore

/// What the volunteer pages show.
enum VolunteerPages {
    /// The organiser's list: filters, and one row per volunteer with the forms to move them on.
    struct List {
        struct Row {
            var id: String
            var name: String
            var area: String
            var status: String
            var skills: String
            var availability: String
            var since: String
            var moves: [Option]
            var mayMove: Bool
            var asked: String?
            /// Whether an account may be asked for (placed in an area, not lapsed, none asked yet).
            var mayAsk: Bool
        }

        var chrome: Chrome
        var rows: [Row]
        var none: Bool
        var areas: [Option]
        var skills: [Option]
        var statuses: [Option]
        var shown: String

        init(chrome: Chrome, volunteers: [Volunteer], areas all: [AreaID: Area], actor: Actor, areaCode: String?, filter: VolunteerFilter) {
            self.chrome = chrome
            rows = volunteers.map { volunteer in
                let moves = VolunteerStatus.allCases.filter { VolunteerPolicy.mayMove(from: volunteer.status, to: $0) }
                    .map { Option(value: $0.rawValue, label: $0.rawValue) }
                return Row(id: volunteer.personID.description, name: volunteer.name,
                    area: volunteer.areaID.flatMap { all[$0]?.name } ?? "wherever needed", status: volunteer.status.rawValue,
                    skills: volunteer.skills.sorted().map(\.words).joined(separator: ", "), availability: volunteer.availability,
                    since: volunteer.createdAt.date.readable,
                    moves: moves, mayMove: !moves.isEmpty,
                    asked: volunteer.accountAsked.map { "account \($0.username) asked for by \($0.askedBy)" },
                    mayAsk: volunteer.accountAsked == nil && volunteer.areaID != nil && volunteer.status != .lapsed)
            }
            none = volunteers.isEmpty
            let organised = all.values.filter { OrganisingPolicy.mayOrganise(actor, areaChain: Set(Area.chain(from: $0.id, in: all).map(\.id))) }
                .sorted { ($0.level.depth, $0.name) < ($1.level.depth, $1.name) }
            areas = [Option(value: "", label: "all my areas", selected: areaCode == nil)]
                + organised.map { Option(value: $0.code, label: $0.name, selected: $0.code == areaCode) }
            skills = [Option(value: "", label: "any skill", selected: filter.skill == nil)]
                + VolunteerSkill.allCases.map { Option(value: $0.rawValue, label: $0.words, selected: $0 == filter.skill) }
            statuses = [Option(value: "", label: "any status", selected: filter.status == nil)]
                + VolunteerStatus.allCases.map { Option(value: $0.rawValue, label: $0.rawValue, selected: $0 == filter.status) }
            shown = "\(volunteers.count) volunteer\(volunteers.count == 1 ? "" : "s")" + (filter.words.isEmpty ? "" : " (\(filter.words))")
        }
    }

    /// The message after an action on the list (`?done=`).
    static func notice(_ done: String) -> String? {
        switch done {
        case "changed": "Saved."
        case "asked": "Asked: an administrator opens the account, with a canvasser grant over the volunteer's area, and sets up its authenticator."
        default: nil
        }
    }

    /// The public form, keeping what was typed after a problem.
    struct SignUp {
        static let textFields = ["forenames", "surname", "email", "availability"]

        var chrome: Chrome?
        var values: [String: String]
        var skills: [Option]
        var areas: [Option] = []
        var problems: [String] = []
        var hasProblems = false
        /// The confirmation email is on its way.
        var sent = false

        init(values: [String: String]) {
            self.values = values
            skills = VolunteerSkill.allCases.map { Option(value: $0.rawValue, label: $0.words) }
        }

        /// The wards a volunteer may choose to help in.
        mutating func offerAreas(_ all: [Area]) {
            areas = [Option(value: "", label: "wherever I am needed")]
                + all.filter { $0.level == .ward }.sorted { $0.name < $1.name }.map { Option(value: $0.code, label: $0.name) }
        }
    }

    struct Confirm {
        var chrome: Chrome
        var token: String
        var done: Bool
    }

    struct Option {
        var value: String
        var label: String
        var selected = false
    }
}
