/// Which of an area's volunteers an organiser asks for: those who offered a skill, those at a
/// status. Applied in the store, so the log names only the volunteers shown.
public struct VolunteerFilter: Sendable, Hashable {
    public var skill: VolunteerSkill?
    public var status: VolunteerStatus?

    public init(skill: VolunteerSkill? = nil, status: VolunteerStatus? = nil) {
        self.skill = skill
        self.status = status
    }

    /// Words for the log and the page: "offering driving, active", or "" for everyone.
    public var words: String {
        [skill.map { "offering \($0.words)" }, status.map(\.rawValue)].compactMap { $0 }.joined(separator: ", ")
    }
}
