import WardenCore
import WardenServices

/// The demo's volunteers in the first ward: a handful of its active members, recorded as an
/// organiser who met them would, with skills and availability, one of them already moved on
/// to "contacted" and one lapsed, so the organiser's list has something in each state.
enum DemoVolunteers {
    static let offers: [(skills: Set<VolunteerSkill>, availability: String, status: VolunteerStatus?)] = [
        ([.canvassing, .leafleting], "Saturday mornings", nil),
        ([.driving], "weekday evenings", nil),
        ([.phoneBanking, .dataEntry], "Tuesday and Thursday evenings", .lapsed),
        ([.canvassing, .events], "most weekends", nil),
        ([.socialMedia], "any time online", nil),
        ([.leafleting], "Sunday afternoons", nil),
    ]

    static func seed(_ warden: Warden, members: [MembershipRecord]) async throws {
        let ward = DemoConstituency.firstWardCode
        let helpers = members.filter { $0.status == .active && $0.branch == ward }.prefix(offers.count)
        for (member, offer) in zip(helpers, offers) {
            guard let person = try await warden.people.search(PeopleQuery(text: member.membershipNumber), actor: .localOperator,
                                                              purpose: .accountAdministration).value.first?.id else { continue }
            _ = try await warden.volunteers.record(person, areaCode: ward, skills: offer.skills, availability: offer.availability, actor: .localOperator)
            if let status = offer.status {
                _ = try await warden.volunteers.change(person, status: status, actor: .localOperator)
            }
        }
    }
}
