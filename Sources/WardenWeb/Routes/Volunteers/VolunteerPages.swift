import WardenCore

/// What the volunteer pages show.
enum VolunteerPages {
    /// The public form, keeping what was typed after a problem.
    struct SignUp {
        static let textFields = ["forenames", "surname", "email", "postcode", "availability"]

        var chrome: Chrome?
        var values: [String: String]
        var skills: [Option]
        var areas: [Option] = []
        var problems: [String] = []
        var hasProblems = false
        /// The confirmation email is on its way.
        var sent = false

        struct Option { var value: String; var label: String }

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
}
