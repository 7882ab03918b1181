import WardenCore
import WardenServices

/// The demo's events in the first ward: a public street stall next Saturday and a members-only
/// branch meeting, so the organiser finds their numbers, their door and their public pages.
enum DemoEvents {
    static func seed(_ warden: Warden) async throws {
        guard let ward = try await warden.areas.all().first(where: { $0.code == DemoConstituency.firstWardCode }) else { return }
        let today = Int64(Timestamp.now.date.daysSince1970)
        // 1 January 1970 was a Thursday: Monday is 0, Saturday 5.
        let untilSaturday = (5 - (today + 3) % 7 + 7) % 7
        let saturday = Timestamp(secondsSince1970: (today + (untilSaturday == 0 ? 7 : untilSaturday)) * 86_400 + 10 * 3_600)
        _ = try await warden.events.create(EventDetails(
            title: "Street stall on the bus cuts", description: "Leaflets, a petition and tea. Come for an hour or the morning.",
            place: "Market Square, by the clock", areaID: ward.id, starts: saturday, ends: saturday.adding(seconds: 3 * 3_600),
            capacity: 12, access: .public), actor: .localOperator)
        let meeting = Timestamp(secondsSince1970: (today + 10) * 86_400 + 19 * 3_600)
        _ = try await warden.events.create(EventDetails(
            title: "Branch meeting", description: "Reports, motions for conference, and the summer campaign.",
            place: "Community centre, Mill Lane", areaID: ward.id, starts: meeting, ends: meeting.adding(seconds: 2 * 3_600),
            capacity: 40, access: .membersOnly), actor: .localOperator)
    }
}
