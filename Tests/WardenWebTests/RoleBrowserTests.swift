import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

/// Each role's home and main task in Debian's Chromium, as a person would do it, with axe-core
/// run on every page visited: no serious or critical accessibility problem anywhere. The
/// screenshots are kept under `.build/test-artefacts/browser` (or `$WARDEN_TEST_ARTEFACTS`).
/// Every browser test is in this suite, run one at a time.
@Suite(.serialized) struct RoleBrowserTests {
    static var artefacts: String {
        let base = ProcessInfo.processInfo.environment["WARDEN_TEST_ARTEFACTS"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/test-artefacts").path
        let folder = base + "/browser"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `task` (Python, after the shared prelude) as `username` against a live server.
    static func run(_ harness: WebHarness, _ username: String, width: Int, _ task: String) async throws -> String {
        let missing = Browser.missingPeers() + (Browser.hasAxe() ? [] : ["axe-core (python3 -m pip install --no-deps axe-playwright-python)"])
        try #require(missing.isEmpty, "needs \(missing.joined(separator: ", ")): scripts/test installs them")
        let router = try await buildRouter(warden: harness.test.warden, configuration: WebConfiguration(secureCookies: false))
        return try await Application(router: router).test(.live) { client in
            let port = try #require(client.port)
            let code = username == "member" ? "-" : try await harness.test.code(username)
            let body = task.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            return try Browser.run(prelude + "try:\n" + body + "\n" + epilogue, arguments: ["http://127.0.0.1:\(port)", username, TestWarden.password, code, artefacts, String(width)])
        }
    }

    @Test func aCanvasserWorksAListFromStartToEndOnAPhone() async throws {
        let harness = try await WebHarness.make()
        _ = try await harness.test.walkList(assignedTo: "canvasser")
        let output = try await Self.run(harness, "canvasser", width: 390, #"""
sign_in("/canvass")
find("ul.lists a.big").click(); loaded(); check("list")
find("ol.stops a.stop").click(); loaded(); check("door")
assert find("nav.stopnav").value_of_css_property("position") == "sticky", "back and next stay under the thumb"
tap(find("form.household button")); check("nobody-in")
tap(find("form.undo button")); check("undone")
say("undone", find("p.notice").text)
tap(find("form.household button")); check("nobody-in-again")
say("notice", find("p.notice").text)
say("next", find("#next").text if d.find_elements(By.ID, "next") else find("nav.stopnav a:last-child").text)
d.get(base + d.find_element(By.CSS_SELECTOR, "p.muted a").get_attribute("pathname")); loaded(); check("list-done")
say("progress", find("#progress").text)
say("done", find("ol.stops li .done-mark").text)
"""#)
        #expect(output.contains("undone: Undone: 2 results are withdrawn."), "\(output)")
        #expect(output.contains("notice: Saved ✓ nobody in, for all 2 at this door. This door is done"), "\(output)")
        #expect(output.contains("progress: 2 of 2 recorded"), "\(output)")
        #expect(output.contains("done: ✓ done"), "\(output)")
        #expect(output.contains("serious: 0"), "\(output)")
    }

    @Test func anOrganiserCutsAssignsAndFollowsTheirCampaign() async throws {
        let harness = try await WebHarness.make()
        let constituency = try #require(try await harness.test.warden.areas.all().first { $0.code == "C" })
        _ = try await harness.test.warden.canvass.createCampaign(
            NewCampaign(name: "Winter canvass", areaIDs: [constituency.id], startsOn: Timestamp.now.date, endsOn: Timestamp.now.adding(days: 14).date),
            actor: .localOperator)
        let output = try await Self.run(harness, "organiser", width: 1280, #"""
sign_in("/canvass")
find("ul.lists a").click(); loaded(); check("campaign")
tap(find("form[action$='/cut'] button")); check("cut")
say("notice", find("p.notice").text)
form = find("ul.cards form.row")
form.find_element(By.NAME, "username").send_keys("canvasser")
tap(form.find_element(By.CSS_SELECTOR, "button")); check("assigned")
say("notice", find("p.notice").text)
say("held", find("ul.cards li.card p").text)
say("figures", str(len(d.find_elements(By.CSS_SELECTOR, "figure.chart details"))))
"""#)
        #expect(output.contains("notice: Walk lists cut."), "\(output)")
        #expect(output.contains("notice: List assigned."), "\(output)")
        #expect(output.contains("held by canvasser until"), "\(output)")
        #expect(output.contains("figures: 5"), "\(output)")
        #expect(output.contains("serious: 0"), "\(output)")
    }

    @Test func aMembershipSecretaryChangesAMembersStatus() async throws {
        let harness = try await WebHarness.make()
        let output = try await Self.run(harness, "secretary", width: 1280, #"""
sign_in("/membership")
say("office", find("main table").text)
d.get(base + "/people"); loaded()
find("input[name=q]").send_keys("Lee")
tap(find("form.searchform button")); check("search")
say("range", find("main p[role=status]").text)
find("main table a").click(); loaded(); check("member")
select = Select(find("select[name=event]"))
select.select_by_value("payment_missed")
find("input[name=reason]").send_keys("Direct Debit returned unpaid")
tap(find("form[action$='/membership'] button")); check("changed")
say("notice", find("p.notice").text)
"""#)
        #expect(output.contains("Active 2 List them In arrears 0 List them"), "\(output)")
        #expect(output.contains("range: 1–1 of 1 person"), "\(output)")
        #expect(output.contains("notice: Membership status changed to in arrears"), "\(output)")
        #expect(output.contains("serious: 0"), "\(output)")
    }

    @Test func aWholePartySecretaryImportsPaymentsAndSeesWhoFellBehind() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("office", .membershipSecretary, areaCode: "E")
        // Ann paid a year and a month ago (in arrears now); Cat paid last month.
        let today = Timestamp.now.date
        let report = try harness.test.write("dd-report.csv", """
            Membership Number,Payment Date,Amount,Transaction ID,Status
            M1,\(today.adding(months: -13)),4.50,T-1,Paid
            M2,\(today.adding(months: -1)),4.50,T-2,Paid
            M2,\(today.adding(days: -3)),4.50,T-3,Returned
            """)
        let output = try await Self.run(harness, "office", width: 1280, #"""
sign_in("/membership")
find("input[name=report]").send_keys("\#(report)")
tap(find("form[action$='/payments'] button")); check("payments-report")
say("report", find("main table").text)
d.get(base + "/membership"); loaded(); check("office")
say("office", find("main table").text)
find("main table tr.soon a").click(); loaded(); check("in-arrears")
say("range", find("main p[role=status]").text)
find("main table a").click(); loaded(); check("member")
say("history", find("h2 + table tbody").text)
"""#)
        #expect(output.contains("Collections recorded 2"), "\(output)")
        #expect(output.contains("Failed collections recorded 1"), "\(output)")
        #expect(output.contains("Members moved active → in arrears 1"), "\(output)")
        #expect(output.contains("In arrears 1 List them"), "\(output)")
        #expect(output.contains("range: 1–1 of 1 person"), "\(output)")
        #expect(output.contains("active → in arrears office"), "\(output)")
        #expect(output.contains("serious: 0"), "\(output)")
    }

    @Test func theDPOGoesFromAnAlertToAnInvestigation() async throws {
        let harness = try await WebHarness.make()
        // The canvasser reaches past their list for Cat Ray, in another district: refused and alerted.
        _ = try await harness.test.walkList(assignedTo: "canvasser")
        let canvasser = try await harness.test.actor("canvasser")
        await #expect(throws: WardenError.self) {
            _ = try await harness.test.warden.people.person(PersonID(try await harness.catID()), actor: canvasser, purpose: .canvassing)
        }
        let output = try await Self.run(harness, "dpo", width: 1280, #"""
sign_in("/dpo")
say("alerts", find("#alerts-heading + p").text)
find("#alerts-heading + p a").click(); loaded(); check("alerts")
find("main table a.button").click(); loaded(); check("investigation")
say("question", find("section.forms + h2").text)
say("current", find("nav[aria-label=Main] a[aria-current=page]").text)
"""#)
        #expect(output.contains("alerts: 1 open alert, newest first."), "\(output)")
        #expect(output.contains("question:") && output.contains("canvasser"), "\(output)")
        #expect(output.contains("current: Investigations"), "\(output)")
        #expect(output.contains("serious: 0"), "\(output)")
    }

    @Test func theAdministratorAndTheMemberHomesAreAccessible() async throws {
        let harness = try await WebHarness.make()
        let admin = try await Self.run(harness, "admin", width: 1280, #"""
sign_in("/access")
"""#)
        #expect(admin.contains("serious: 0"), "\(admin)")
        let member = try await Self.run(harness, "member", width: 390, #"""
sign_in("/me/record")
"""#)
        #expect(member.contains("serious: 0"), "\(member)")
    }

    /// Signing in, waiting, screenshots and the axe check, shared by every task. `check(name)`
    /// screenshots the page and runs axe; at the end the script prints how many serious or
    /// critical violations it found (and which).
    static let prelude = #"""
import sys, json, os, importlib.util
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait, Select
base, user, password, code, artefacts, width = sys.argv[1:7]
axe_source = open(os.path.join(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0], "axe.min.js")).read()
options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=%s,900" % width]:
    options.add_argument(argument)
if width == "390":
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0}})
options.binary_location = "/usr/bin/chromium"
d = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
d.set_page_load_timeout(60)
serious = []
def say(name, text):
    print("%s: %s" % (name, " ".join(text.split())))
def find(css):
    return d.find_element(By.CSS_SELECTOR, css)
def loaded():
    WebDriverWait(d, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
def centre(element):
    # The doorstep's back/next bar stays at the bottom of the screen: bring the target above it.
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return element
def tap(element):
    # A tap submits a form; wait until the next page has replaced this one. Under a loaded
    # machine the old page can fail in other ways than "stale" while it goes.
    centre(element).click()
    def replaced(_):
        try:
            element.is_enabled()
            return False
        except Exception:
            return True
    WebDriverWait(d, 60).until(replaced)
    loaded()
def check(name):
    height = d.execute_script("return document.documentElement.scrollHeight")
    if width != "390":
        d.set_window_size(int(width), min(max(height, 600), 4000))
    d.save_screenshot("%s/%s-%s.png" % (artefacts, user, name))
    wide = d.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not wide, "%s scrolls sideways at %s px" % (name, width)
    d.execute_script(axe_source)
    found = d.execute_async_script("const done = arguments[arguments.length - 1]; axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ' on ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))")
    serious.extend("%s: %s" % (name, v) for v in found)
def sign_in(home):
    d.get(base + "/signin")
    check("signin")
    d.find_element(By.NAME, "username").send_keys(user)
    d.find_element(By.NAME, "password").send_keys(password)
    if code != "-":
        d.find_element(By.NAME, "totp").send_keys(code)
    tap(find("main button[type=submit]"))
    assert d.current_url.endswith(home), "landed on %s, not %s" % (d.current_url, home)
    check("home")

"""#

    static let epilogue = #"""
finally:
    print("serious: %d" % len(serious))
    for line in serious:
        print("  " + line)
    d.quit()
"""#
}
