import WardenCore
public import WardenServices

/// A running campaign for the demo: walk lists cut in the first polling district, a few
/// thousand doorstep results recorded by a team of volunteers through the same services and
/// Gate as the doorstep page (each within a canvasser's daily read budget), and one list
/// left in the demo canvasser's hands.
public enum DemoCanvass {
    public static let campaignName = "Winter canvass 2026"

    /// Runs the canvass; `results` is about how many doorstep results to record.
    public static func seed(_ warden: Warden, canvasser: String, password: String, results target: Int = 3_000) async throws {
        let operator_ = Actor.localOperator
        let areas = try await warden.areas.all()
        guard let constituency = areas.first(where: { $0.code == DemoConstituency.constituencyCode }),
              let district = areas.first(where: { $0.code == DemoConstituency.firstDistrictCode })
        else { throw WardenError.notFound("the demo constituency") }
        let now = Timestamp.now
        let campaign = try await warden.canvass.createCampaign(
            NewCampaign(name: campaignName, areaIDs: [constituency.id], startsOn: now.adding(days: -7).date, endsOn: now.adding(days: 30).date),
            actor: operator_)
        let lists = try await warden.canvass.cutWalkLists(campaign: campaign.id, district: district.id, doors: 40, actor: operator_)
        var tokens: [String: String] = [:]
        for volunteer in volunteers {
            _ = try await warden.accounts.create(
                username: volunteer, password: password,
                grants: [GrantRequest(role: .canvasser, scopeAreaID: district.id, purpose: .canvassing, reason: "demo volunteer",
                                      bootstrapApprovedBy: "warden demo")],
                actor: operator_)
            _ = try await warden.accounts.enrolSecondFactor(username: volunteer, actor: operator_)
            let code = try await warden.accounts.currentCode(username: volunteer, actor: operator_)
            tokens[volunteer] = try await warden.authentication.signIn(username: volunteer, password: password, secondFactor: code).token
        }
        var random = SeededGenerator(seed: 5)
        var recorded = 0
        for (index, list) in lists.enumerated() {
            // The last list is only started, then handed to the demo canvasser.
            let last = index == lists.count - 1 || recorded >= target
            let volunteer = volunteers[index % volunteers.count]
            _ = try await warden.canvass.assign(list.id, to: volunteer, hours: 2, actor: operator_)
            guard let token = tokens[volunteer], case .signedIn(let actor, _) = try await warden.authentication.resolve(token: token) else {
                throw WardenError.accessEnded
            }
            let doors = try await warden.canvass.doors(of: list.id, actor: actor, purpose: .canvassing).value
            let residents = doors.stops.flatMap(\.residents).map(\.person.id)
            let visited = last ? Array(residents.prefix(6)) : residents
            let planned = visited.map { result(for: $0, list: list.id, survey: campaign.survey, random: &random) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (offset, result) in planned.enumerated() {
                    if offset >= 16 { try await group.next() }
                    group.addTask { _ = try await warden.canvass.record(result, actor: actor) }
                }
                try await group.waitForAll()
            }
            recorded += planned.count
            try await warden.canvass.endAssignment(list.id, actor: operator_)
            if last {
                _ = try await warden.canvass.assign(list.id, to: canvasser, hours: WalkList.maximumAssignmentHours, actor: operator_)
                break
            }
        }
    }

    /// The volunteers who walked the finished lists: about three lists each keeps every one
    /// under a canvasser's daily budget of distinct people read.
    static let volunteers = (1...9).map { "volunteer\($0)" }

    /// A plausible doorstep result: about a third spoken to, with intentions weighted by party.
    static func result(for person: PersonID, list: WalkListID, survey: Survey, random: inout SeededGenerator) -> CanvassResult {
        let roll = Int.random(in: 0..<100, using: &random)
        let outcome: ContactOutcome = switch roll {
        case ..<35: .spoke
        case ..<75: .notIn
        case ..<85: .refused
        case ..<90: .moved
        default: .comeBack
        }
        guard outcome == .spoke else { return CanvassResult(personID: person, walkListID: list, outcome: outcome) }
        let weights = [34, 26, 12, 9, 8, 3, 5, 2, 1]
        let choices = survey.parties + Survey.otherIntentions
        var pick = Int.random(in: 0..<weights.prefix(choices.count).reduce(0, +), using: &random)
        var intention = choices[0]
        for (choice, weight) in zip(choices, weights) {
            if pick < weight { intention = choice; break }
            pick -= weight
        }
        let answers = SurveyAnswers(
            intention: intention, certainty: Certainty.allCases.randomElement(using: &random),
            likelihood: Int.random(in: 4...10, using: &random), postalVote: Int.random(in: 0..<5, using: &random) == 0,
            issues: Array(survey.issues.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))),
            notes: Int.random(in: 0..<6, using: &random) == 0 ? "Asked about the bus route; follow up." : "")
        return CanvassResult(personID: person, walkListID: list, outcome: .spoke, answers: answers,
                             doNotContact: Int.random(in: 0..<40, using: &random) == 0)
    }
}
