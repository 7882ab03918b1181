import Foundation
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// The doorstep page in a real browser on a phone: three taps, and what they stored. One of
/// the browser tests, which run one at a time (``RoleBrowserTests``): several Chromiums at once
/// on a loaded machine time out.
extension RoleBrowserTests {
    @Test func aCanvasserSignsInOpensTheirListAndRecordsThreeOutcomesOnAPhone() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        let output = try await Self.run(harness, "canvasser", width: 390, #"""
sign_in("/canvass")
find("ul.lists a.big").click(); loaded()
find("ol.stops a.stop").click(); loaded(); check("stop")
def residents():
    return d.find_elements(By.CSS_SELECTOR, "section.resident")
button = residents()[0].find_element(By.CSS_SELECTOR, "button[value=not_in]")
assert button.size["height"] >= 44, "outcome buttons too small to tap: %d px" % button.size["height"]
tap(button)
bob = residents()[1]
centre(bob.find_element(By.CSS_SELECTOR, "summary")).click()
centre(bob.find_element(By.CSS_SELECTOR, "input[name=intention][value=Green]")).click()
centre(bob.find_element(By.CSS_SELECTOR, "input[name=issue][value=Housing]")).click()
bob.find_element(By.NAME, "notes").send_keys("Ask about the bus")
tap(bob.find_element(By.CSS_SELECTOR, "button.primary"))
tap(residents()[0].find_element(By.CSS_SELECTOR, "button[value=come_back]")); check("three-taps")
say("shown", " | ".join(r.find_element(By.CSS_SELECTOR, "p.last").text.lstrip("✓ ") for r in residents()))
d.get(base + "/canvass"); loaded()
find("ul.lists a.big").click(); loaded()
say("progress", find("#progress").text)
"""#)
        #expect(output.contains("shown: Recorded: Come back later | Recorded: Spoke"), "\(output)")
        #expect(output.contains("progress: 2 of 2"), "\(output)")
        #expect(output.contains("serious: 0"), "\(output)")
        // The three taps are stored: Ann not in, then come back later; Bob spoke, answers sealed.
        let dpo = try await harness.test.actor("dpo")
        let ann = try await harness.test.warden.people.person(PersonID(try await harness.annID()), actor: dpo, purpose: .dataProtection).value
        #expect(ann.canvass?.map(\.outcome) == [.notIn, .comeBack])
        let bob = try await harness.test.warden.people.search(PeopleQuery(text: "AA-2"), actor: .localOperator, purpose: .registerMaintenance).value
        let bobView = try await harness.test.warden.people.person(try #require(bob.first).id, actor: dpo, purpose: .dataProtection).value
        #expect(bobView.canvass?.first?.answers == SurveyAnswers(intention: "Green", issues: ["Housing"], notes: "Ask about the bus"))
        #expect(bobView.canvass?.first?.walkListID == list.id)
    }
}
