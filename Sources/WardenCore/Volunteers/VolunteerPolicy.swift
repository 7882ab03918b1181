import Foundation

/// Who sees and manages volunteers, how a volunteer's status may move, what a sign-up must
/// hold, and how hard the public form may be pushed.
///
/// Whoever organises an area (``OrganisingPolicy``) sees and manages its volunteers; a
/// volunteer with no area is for whole-party grants only.
public enum VolunteerPolicy {
    /// The longest availability a volunteer may give.
    public static let availabilityLimit = 200
    /// How long a confirmation link works.
    public static let confirmationSeconds: Int64 = 48 * 60 * 60
    /// Sign-ups one client may make in ``floodWindow``: a family on one connection signs up
    /// together, a script does not get further.
    public static let signUpsPerClient = 5
    /// Seconds a sign-up counts towards its client's limit.
    public static let floodWindow: Int64 = 60 * 60
    /// Where a confirmed sign-up says it came from.
    public static let formSource = "sign-up form"

    /// Whether a volunteer may move from `from` to `to`: forward through the steps, to lapsed
    /// from anywhere, and back to contacted from lapsed (someone who comes back is spoken to
    /// again before they are counted on).
    public static func mayMove(from: VolunteerStatus, to: VolunteerStatus) -> Bool {
        switch (from, to) {
        case (.new, .contacted), (.new, .active), (.contacted, .active), (_, .lapsed), (.lapsed, .contacted): from != to
        default: false
        }
    }

    /// The problems with a sign-up, each naming the field and never repeating what was typed.
    public static func problems(with signUp: VolunteerSignUp) -> [String] {
        var problems = PublicFormRules.problems(name: signUp.forenames, field: "forenames")
            + PublicFormRules.problems(name: signUp.surname, field: "surname") + PublicFormRules.problems(email: signUp.email)
        if signUp.availability.count > availabilityLimit { problems.append("availability: longer than \(availabilityLimit) characters") }
        return problems
    }

    /// Problems with an availability an organiser gives.
    public static func problems(withAvailability text: String) -> [String] {
        text.count > availabilityLimit ? ["availability: longer than \(availabilityLimit) characters"] : []
    }
}
