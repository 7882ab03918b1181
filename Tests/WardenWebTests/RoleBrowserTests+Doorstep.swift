import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport
import WardenWeb

/// The doorstep page in a real browser: Debian's headless Chromium at a phone's viewport,
/// driven by Selenium, against the server on a real port. One of the browser tests, which run
/// one at a time (``RoleBrowserTests``): several Chromiums at once on a loaded machine time out.
extension RoleBrowserTests {
    @Test func aCanvasserSignsInOpensTheirListAndRecordsThreeOutcomesOnAPhone() async throws {
        let missing = Browser.missingPeers()
        try #require(missing.isEmpty, "needs \(missing.joined(separator: ", ")): scripts/test installs them (apt-get install chromium chromium-driver; python3 -m pip install selenium)")
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        let router = try await buildRouter(warden: harness.test.warden, configuration: WebConfiguration(secureCookies: false))
        try await Application(router: router).test(.live) { client in
            let port = try #require(client.port)
            let code = try await harness.test.code("canvasser")
            let output = try Browser.run(Self.script, arguments: ["http://127.0.0.1:\(port)", "canvasser", TestWarden.password, code])
            #expect(output.contains("recorded 3"), "browser said: \(output)")
        }
        // The three taps are stored: Ann not in, then come back later; Bob spoke, answers sealed.
        let dpo = try await harness.test.actor("dpo")
        let ann = try await harness.test.warden.people.person(PersonID(try await harness.annID()), actor: dpo, purpose: .dataProtection).value
        #expect(ann.canvass?.map(\.outcome) == [.notIn, .comeBack])
        let bob = try await harness.test.warden.people.search(PeopleQuery(text: "AA-2"), actor: .localOperator, purpose: .registerMaintenance).value
        let bobView = try await harness.test.warden.people.person(try #require(bob.first).id, actor: dpo, purpose: .dataProtection).value
        #expect(bobView.canvass?.first?.answers == SurveyAnswers(intention: "Green", issues: ["Housing"], notes: "Ask about the bus"))
        #expect(bobView.canvass?.first?.walkListID == list.id)
    }

    static let script = #"""
import sys
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
base, user, password, code = sys.argv[1:5]
options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
    options.add_argument(argument)
options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0}})
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
driver.set_page_load_timeout(60)
def residents():
    return driver.find_elements(By.CSS_SELECTOR, "section.resident")
def centre(element):
    # The back/next bar stays at the bottom of the screen: bring the target above it first.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
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
    WebDriverWait(driver, 60).until(replaced)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
try:
    driver.get(base + "/signin")
    driver.find_element(By.NAME, "username").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.NAME, "totp").send_keys(code)
    tap(driver.find_element(By.CSS_SELECTOR, "main button[type=submit]"))
    driver.get(base + "/canvass")
    driver.find_element(By.CSS_SELECTOR, "ul.lists a.big").click()
    driver.find_element(By.CSS_SELECTOR, "ol.stops a.stop").click()
    width, viewport = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert viewport == 390 and width <= viewport, "the stop page scrolls sideways on a phone: %d px in %d" % (width, viewport)
    button = residents()[0].find_element(By.CSS_SELECTOR, "button[value=not_in]")
    assert button.size["height"] >= 44, "outcome buttons too small to tap: %d px" % button.size["height"]
    tap(button)
    bob = residents()[1]
    centre(bob.find_element(By.CSS_SELECTOR, "summary")).click()
    centre(bob.find_element(By.CSS_SELECTOR, "input[name=intention][value=Green]")).click()
    centre(bob.find_element(By.CSS_SELECTOR, "input[name=issue][value=Housing]")).click()
    bob.find_element(By.NAME, "notes").send_keys("Ask about the bus")
    tap(bob.find_element(By.CSS_SELECTOR, "button.primary"))
    tap(residents()[0].find_element(By.CSS_SELECTOR, "button[value=come_back]"))
    shown = [r.find_element(By.CSS_SELECTOR, "p.last").text.lstrip("✓ ") for r in residents()]
    driver.get(base + "/canvass")
    driver.find_element(By.CSS_SELECTOR, "ul.lists a.big").click()
    progress = driver.find_element(By.ID, "progress").text
    print("recorded 3" if shown == ["Recorded: Come back later", "Recorded: Spoke"] and progress.startswith("2 of 2") else "unexpected: %s %s" % (shown, progress))
finally:
    driver.quit()
"""#
}

/// Runs a Python Selenium script and returns what it printed; its errors fail the test.
enum Browser {
    /// What the browser test needs and this machine lacks: Debian's Chromium, its driver, Selenium.
    static func missingPeers() -> [String] {
        var missing = ["/usr/bin/chromium", "/usr/bin/chromedriver"].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        if (try? run("import selenium", arguments: [])) == nil { missing.append("python3 with the selenium module") }
        return missing
    }

    static func run(_ script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BrowserError(message: errors.suffix(4_000).description) }
        return output
    }

    struct BrowserError: Error, CustomStringConvertible {
        var message: String
        var description: String { "the browser script failed: \(message)" }
    }
}
