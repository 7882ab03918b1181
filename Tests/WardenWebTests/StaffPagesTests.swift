import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

/// Daily use for party staff: each role lands on its own home with a menu of what it can use,
/// every page (error pages too) keeps that menu, every action answers with a message, and
/// destructive ones ask first.
@Suite struct StaffPagesTests {
    /// Signs `username` in through the form; returns the session cookie header and where it landed.
    static func signIn(_ client: some TestClientProtocol, _ harness: WebHarness, _ username: String, page: String = "/account") async throws
        -> (cookie: String, csrf: String, landing: String) {
        let code = username == "member" ? nil : try await harness.test.code(username)
        let (cookie, csrf, landing) = try await client.signInPage(username, code: code, page: page)
        return ("warden_session=\(cookie)", csrf, landing)
    }

    static func page(_ client: some TestClientProtocol, _ uri: String, cookie: String) async throws -> (status: HTTPResponse.Status, html: String) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, $0.text) }
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, cookie: String, form: String) async throws -> (status: HTTPResponse.Status, location: String?) {
        try await client.execute(uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: form)) { ($0.status, $0.headers[.location]) }
    }

    /// The labels of the main menu's links, and the one marked current.
    static func menu(_ html: String) -> (labels: [String], current: String?) {
        guard let start = html.range(of: #"<nav aria-label="Main">"#), let end = html[start.upperBound...].range(of: "</nav>") else { return ([], nil) }
        let nav = html[start.upperBound..<end.lowerBound]
        var labels: [String] = [], current: String?
        for link in nav.components(separatedBy: "<a ").dropFirst() {
            guard let open = link.firstIndex(of: ">"), let close = link.range(of: "</a>") else { continue }
            let label = String(link[link.index(after: open)..<close.lowerBound])
            labels.append(label)
            if link[..<open].contains(#"aria-current="page""#) { current = label }
        }
        return (labels, current)
    }

    @Test func eachRoleLandsOnItsHomeWithAMenuOfWhatItCanUse() async throws {
        let harness = try await WebHarness.make()
        _ = try await harness.test.walkList(assignedTo: "canvasser")
        try await harness.run { client in
            let expected: [(String, String, [String])] = [
                ("dpo", "/dpo", ["Dashboard", "Access", "People", "Areas", "Mailings", "Exports", "Alerts", "Subject access", "Erasures", "Retention", "Incidents", "Investigations", "Backups", "Ballots", "Account"]),
                ("admin", "/access", ["Access", "Ballots", "Account"]),
                ("organiser", "/canvass", ["Canvass", "People", "Areas", "Mailings", "Volunteers", "Events", "Exports", "Ballots", "Account"]),
                ("canvasser", "/canvass", ["My lists", "Ballots", "Account"]),
                ("secretary", "/membership", ["Membership", "People", "Areas", "Mailings", "Volunteers", "Events", "Exports", "Ballots", "Account"]),
                ("campaign", "/canvass", ["Canvass", "Areas", "Mailings", "Volunteers", "Events", "Ballots", "Account"]),
                ("member", "/me/record", ["My record", "Ballots", "Account"]),
            ]
            for (username, home, labels) in expected {
                let (cookie, _, landing) = try await Self.signIn(client, harness, username)
                #expect(landing == home, "\(username)")
                let (status, html) = try await Self.page(client, home, cookie: cookie)
                #expect(status == .ok, "\(username) at \(home)")
                let menu = Self.menu(html)
                #expect(menu.labels == labels, "\(username)")
                #expect(menu.current == labels.first, "\(username)")
                #expect(html.contains(#"<a class="brand" href="\#(home)">"#))
                #expect(html.contains(##"<a class="skip" href="#main">"##) && html.contains(#"<main id="main""#))
            }
        }
    }

    @Test func anErrorPageKeepsTheMenuAndOffersTheWayBack() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, _, _) = try await Self.signIn(client, harness, "organiser")
            let html = try await client.execute(uri: "/alerts", method: .get, headers: [.cookie: cookie, .referer: "http://localhost/areas"]) { response in
                #expect(response.status == .forbidden)
                return response.text
            }
            #expect(Self.menu(html).labels.first == "Canvass")
            #expect(html.contains(#"<a href="/canvass">Your home page</a>"#))
            // Back only to a page of Warden's own, never to another site.
            let foreign = try await client.execute(uri: "/alerts", method: .get, headers: [.cookie: cookie, .referer: "https://evil.example/x"]) { $0.text }
            #expect(!foreign.contains("evil.example"))
            #expect(!foreign.contains("Back to the page you were on"))
        }
    }

    @Test func theDPOIsTheSecondPersonForAnAdministratorsGrantButNeverForTheirOwn() async throws {
        let harness = try await WebHarness.make()
        try await harness.test.account("newdpo", .member)
        let nation = try #require(try await harness.test.warden.areas.all().first { $0.code == "E" }?.id)
        try await harness.run { client in
            // The administrator grants on the page; the grant waits, with no Approve for them.
            let (adminCookie, adminCSRF, _) = try await Self.signIn(client, harness, "admin", page: "/access")
            let granted = try await Self.post(client, "/grants", cookie: adminCookie,
                                              form: "csrf=\(adminCSRF)&username=newdpo&role=data_protection_officer&area=\(nation.rawValue)&days=30&reason=a+second+DPO")
            #expect(granted.location == "/access?done=granted")
            let elevated = try #require(try await harness.test.warden.accounts.grants(actor: .localOperator).first { $0.username == "newdpo" && $0.grant.role == .dataProtectionOfficer }?.grant)
            #expect(elevated.isPending)
            let adminPage = try await Self.page(client, "/access?done=granted", cookie: adminCookie).html
            #expect(adminPage.contains("Grant made.") && adminPage.contains("newdpo"))
            #expect(!adminPage.contains("/grants/\(elevated.id)/approve"))
            #expect(try await Self.post(client, "/grants/\(elevated.id)/approve", cookie: adminCookie, form: "csrf=\(adminCSRF)").status == .forbidden)

            // The DPO sees it, may approve it, and does.
            let (cookie, csrf, _) = try await Self.signIn(client, harness, "dpo", page: "/access")
            let page = try await Self.page(client, "/access", cookie: cookie).html
            #expect(page.contains("/grants/\(elevated.id)/approve"))
            #expect(!page.contains("/grants/\(elevated.id)/revoke"), "only administrators revoke")
            let dpoGrant = try #require(try await harness.test.warden.accounts.grants(actor: .localOperator).first { $0.username == "dpo" }?.grant)
            #expect(!page.contains("/grants/\(dpoGrant.id)/approve"), "never their own")
            let approved = try await Self.post(client, "/grants/\(elevated.id)/approve", cookie: cookie, form: "csrf=\(csrf)")
            #expect(approved.location == "/access?done=approved")
            #expect(try await Self.page(client, "/access?done=approved", cookie: cookie).html.contains("Grant approved: it is in force now."))
            #expect(try await harness.test.warden.accounts.grants(actor: .localOperator).first { $0.grant.id == elevated.id }?.grant.isPending == false)
        }
        // Anyone else is refused, on the record.
        let secretary = try await harness.test.actor("secretary")
        await #expect(throws: WardenError.self) { try await harness.test.warden.accounts.approve(grant: 1, actor: secretary) }
        await #expect(throws: WardenError.self) { _ = try await harness.test.warden.accounts.grants(actor: secretary) }
        let refusals = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 30).filter { $0.outcome == .refused }
        #expect(refusals.contains { $0.actor == "secretary" } && refusals.contains { $0.actor == "admin" })
    }

    @Test func theSecondPersonRule() {
        func grant(_ id: Int64, to account: Int64, role: Role, by: String) -> Grant {
            Grant(id: id, accountID: AccountID(account), role: role, scopeAreaID: nil, scopeWalkListID: nil, purpose: .usual(for: role),
                  grantedBy: by, reason: "t", startsAt: .now, expiresAt: Timestamp.now.adding(days: 1))
        }
        let dpo = Actor(kind: .account(AccountID(1), username: "dpo"), grants: [grant(1, to: 1, role: .dataProtectionOfficer, by: "admin")])
        let admin = Actor(kind: .account(AccountID(2), username: "admin"), grants: [grant(2, to: 2, role: .administrator, by: "operator")])
        let organiser = Actor(kind: .account(AccountID(3), username: "org"), grants: [grant(3, to: 3, role: .organiser, by: "admin")])
        let byAdmin = grant(9, to: 4, role: .campaignManager, by: "admin")
        #expect(GrantPolicy.mayApprove(byAdmin, actor: dpo))
        #expect(!GrantPolicy.mayApprove(byAdmin, actor: admin), "not its granter")
        #expect(!GrantPolicy.mayApprove(grant(10, to: 1, role: .campaignManager, by: "admin"), actor: dpo), "not its holder")
        #expect(!GrantPolicy.mayApprove(byAdmin, actor: organiser))
        #expect(GrantPolicy.mayApprove(grant(11, to: 4, role: .campaignManager, by: "dpo"), actor: admin))
    }

    @Test func revokingAGrantAsksFirstAndSaysItIsDone() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        let listing = try #require(try await harness.test.warden.accounts.grants(actor: .localOperator).first { $0.grant.scopeWalkListID == list.id })
        try await harness.run { client in
            let (cookie, csrf, _) = try await Self.signIn(client, harness, "admin", page: "/access")
            let access = try await Self.page(client, "/access", cookie: cookie).html
            // A canvasser's grant on a list is described by its list, not as the whole party.
            #expect(access.contains("walk list \(list.name) (AA)"))
            #expect(access.contains(#"<a class="button" href="/grants/\#(listing.grant.id)/revoke">Revoke…</a>"#))
            let confirm = try await Self.page(client, "/grants/\(listing.grant.id)/revoke", cookie: cookie)
            #expect(confirm.status == .ok)
            #expect(confirm.html.contains("Revoke this grant?") && confirm.html.contains("<strong>canvasser</strong>"))
            #expect(try await harness.test.warden.accounts.grants(actor: .localOperator).contains { $0.grant.id == listing.grant.id }, "asking revokes nothing")
            let revoked = try await Self.post(client, "/grants/\(listing.grant.id)/revoke", cookie: cookie, form: "csrf=\(csrf)")
            #expect(revoked.location == "/access?done=revoked")
            #expect(try await Self.page(client, "/access?done=revoked", cookie: cookie).html.contains("Grant revoked"))
        }
        #expect(try await harness.test.warden.accounts.grants(actor: .localOperator).contains { $0.grant.id == listing.grant.id } == false)
        let report = try await harness.test.warden.accounts.accessReport(areaID: nil, actor: .localOperator)
        #expect(!report.contains { $0.scope.hasPrefix("walk list") })
    }

    @Test func theAccessReportShowsAListGrantAsPartOfItsDistrictOnly() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        let areas = try await harness.test.warden.areas.all()
        let aa = try #require(areas.first { $0.code == "AA" }?.id), ba = try #require(areas.first { $0.code == "BA" }?.id)
        let inAA = try await harness.test.warden.accounts.accessReport(areaID: aa, actor: .localOperator)
        #expect(inAA.contains { $0.username == "canvasser" && $0.scope == "walk list \(list.name) (AA)" && $0.covers == "part" })
        let inBA = try await harness.test.warden.accounts.accessReport(areaID: ba, actor: .localOperator)
        #expect(!inBA.contains { $0.username == "canvasser" && $0.scope.hasPrefix("walk list") })
    }

    @Test func theCampaignPageMarksDistrictsCutAndSaysWhatEachActionDid() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList()
        try await harness.run { client in
            let (cookie, csrf, _) = try await Self.signIn(client, harness, "campaign", page: "/campaigns/\(list.campaignID.rawValue)")
            let campaign = "/campaigns/\(list.campaignID.rawValue)"
            let html = try await Self.page(client, campaign, cookie: cookie).html
            #expect(html.contains(#"<option value="AA">AA (already cut)</option>"#))
            #expect(html.contains(#"<option value="BA" selected>BA</option>"#))
            let cut = try await Self.post(client, "\(campaign)/cut", cookie: cookie, form: "csrf=\(csrf)&district=BA&doors=60")
            #expect(cut.location == "\(campaign)?done=cut")
            let after = try await Self.page(client, "\(campaign)?done=cut", cookie: cookie).html
            #expect(after.contains(#"<p class="notice" role="status">Walk lists cut."#))
            #expect(after.contains("Every polling district you organise in this campaign already has walk lists."))
            let assigned = try await Self.post(client, "/canvass/lists/\(list.id.rawValue)/assign", cookie: cookie, form: "csrf=\(csrf)&username=canvasser&hours=4")
            #expect(assigned.location == "\(campaign)?done=assigned")
            let held = try await Self.page(client, campaign, cookie: cookie).html
            #expect(held.contains("held by <strong>canvasser</strong> until "))
            #expect(held.contains(" UTC"), "times as people read them")
            // Every chart has its figures beside it.
            #expect(held.components(separatedBy: "<figure class=\"chart\">").count - 1 == held.components(separatedBy: "<summary>Figures</summary>").count - 1)
        }
    }

    @Test func investigationsTakePlainDatesAndABadOneKeepsWhatWasTyped() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, csrf, _) = try await Self.signIn(client, harness, "dpo", page: "/audit")
            let today = Timestamp.now.date.description
            let asked = try await Self.page(client, "/audit?account=secretary&from=\(today)&to=\(today)", cookie: cookie)
            #expect(asked.status == .ok)
            #expect(asked.html.contains("secretary") && !asked.html.contains("class=\"error\""))
            let bad = try await Self.page(client, "/audit?account=secretary&from=last+Tuesday&to=\(today)", cookie: cookie)
            #expect(bad.status == .badRequest)
            #expect(bad.html.contains(#"<p class="error" role="alert">From and To: a date"#))
            #expect(bad.html.contains(#"value="last Tuesday""#), "the form keeps what was typed")
            #expect(Self.menu(bad.html).current == "Investigations")
            let rollback = try await client.execute(uri: "/rollback", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "csrf=\(csrf)&account=secretary&from=soon&to=\(today)&reason=test&dryRun=on")) { ($0.status, $0.text) }
            #expect(rollback.0 == .badRequest)
            #expect(rollback.1.contains(#"value="soon""#) && rollback.1.contains("From and To: a date"))
        }
    }

    @Test func thePeoplePageListsAPageWithItsCountCostAndWayOn() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            let (cookie, _, _) = try await Self.signIn(client, harness, "organiser", page: "/people")
            let empty = try await Self.page(client, "/people", cookie: cookie).html
            #expect(empty.contains("A page lists up to 25 people by name and street") && empty.contains("0 of 15,000 used"))
            let html = try await Self.page(client, "/people?q=Lee&street=mill+lane&order=street", cookie: cookie).html
            #expect(html.contains("<strong>1–2 of 2 people</strong>"))
            #expect(html.contains("<td>Mill Lane</td>") && !html.contains("1 Mill Lane") && !html.contains("TN1 1AA"))
            #expect(html.contains(#"value="mill lane""#), "the form keeps the search")
            #expect(html.contains("2 of 15,000 used"), "the listing is counted")
            #expect(!html.contains("Next →"))
        }
    }

    @Test func anOrganiserStartsACampaignOnTheWebAndPicksCanvassersFromAList() async throws {
        let harness = try await WebHarness.make()
        let areas = try await harness.test.warden.areas.all()
        let w1 = try #require(areas.first { $0.code == "W1" }?.id.rawValue), w2 = try #require(areas.first { $0.code == "W2" }?.id.rawValue)
        try await harness.run { client in
            let (cookie, csrf, _) = try await Self.signIn(client, harness, "organiser", page: "/canvass")
            let home = try await Self.page(client, "/canvass", cookie: cookie).html
            #expect(home.contains("Start a campaign") && home.contains(#"value="\#(w1)""#) && !home.contains(#"value="\#(w2)""#), "only the reader's own areas")
            // A date that does not read as one: the form again, as typed, saying what is wrong.
            let bad = try await client.execute(uri: "/campaigns", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                               body: ByteBuffer(string: "csrf=\(csrf)&name=Spring+push&startsOn=soon&endsOn=2026-12-24&area=\(w1)&issue=Housing")) { ($0.status, $0.text) }
            #expect(bad.0 == .badRequest && bad.1.contains("Starts: a date") && bad.1.contains(#"value="Spring push""#))
            let today = Timestamp.now.date, later = Timestamp.now.adding(days: 20).date
            let made = try await Self.post(client, "/campaigns", cookie: cookie,
                                           form: "csrf=\(csrf)&name=Spring+push&startsOn=\(today)&endsOn=\(later)&area=\(w1)&issue=Housing&issue=Transport")
            let location = try #require(made.location)
            #expect(location.hasSuffix("?done=created"))
            let campaign = try #require(try await harness.test.warden.canvass.campaigns().first { $0.name == "Spring push" })
            #expect(campaign.survey.issues == ["Housing", "Transport"])
            _ = try await Self.post(client, "/campaigns/\(campaign.id.rawValue)/cut", cookie: cookie, form: "csrf=\(csrf)&district=AA&doors=60")
            let page = try await Self.page(client, "/campaigns/\(campaign.id.rawValue)", cookie: cookie).html
            #expect(page.contains("<strong>0 of 1 doors done</strong>"))
            #expect(page.contains(#"<select name="username" required><option>canvasser</option></select>"#), "the canvassers who may hold it")
            let progress = try await Self.page(client, "/canvass", cookie: cookie).html
            #expect(progress.contains("0 of 1 doors done · 1 lists, 0 out with canvassers"))
            // Elsewhere than their own ward: refused.
            let token = String(cookie.dropFirst("warden_session=".count))
            guard case .signedIn(let organiser, _) = try await harness.test.warden.authentication.resolve(token: token) else {
                Issue.record("the session resolves")
                return
            }
            await #expect(throws: WardenError.self) {
            _ = try await harness.test.warden.canvass.createCampaign(NewCampaign(name: "Not mine", areaIDs: [AreaID(rawValue: w2)],
                                                                                  startsOn: Timestamp.now.date, endsOn: Timestamp.now.date), actor: organiser)
            }
        }
        // Issues come from the party's set only.
        #expect(throws: WardenError.self) { _ = try Survey.standard.asking(["Potholes on my street"]) }
    }

    @Test func aPersonsPageListsTheRestOfTheirHouseholdAsTheReaderMaySeeThem() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        try await harness.run { client in
            let (cookie, _, _) = try await Self.signIn(client, harness, "organiser", page: "/people")
            let html = try await Self.page(client, "/people/\(ann)", cookie: cookie).html
            #expect(html.contains("<h2>At the same address</h2>"))
            #expect(html.contains(">Bob Lee</a></li>") && !html.contains(">Ann Lee</a></li>"), "the others, not Ann herself")
        }
        // Listed, not read: Bob counts against the listing allowance only.
        let entry = try #require(try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 10).first { $0.detail == "people listing" })
        #expect(entry.people.count == 1 && entry.actor == "organiser")
    }

    @Test func theAlertsPageRaisesABudgetForADay() async throws {
        let harness = try await WebHarness.make(budgets: [.organiser: 1])
        let organiser = try await harness.test.actor("organiser")
        _ = try await harness.test.warden.people.person(PersonID(try await harness.annID()), actor: organiser, purpose: .campaignPlanning)
        let bob = try #require(try await harness.test.warden.people.search(PeopleQuery(text: "Bob Lee"), actor: .localOperator, purpose: .campaignPlanning).value.first)
        await #expect(throws: WardenError.self) { _ = try await harness.test.warden.people.person(bob.id, actor: organiser, purpose: .campaignPlanning) }
        let alert = try #require(try await harness.test.warden.alerts.list(actor: .localOperator).first { $0.kind == .budgetExhausted })
        try await harness.run { client in
            let (cookie, csrf, _) = try await Self.signIn(client, harness, "dpo", page: "/alerts")
            let page = try await Self.page(client, "/alerts", cookie: cookie).html
            #expect(page.contains(#"action="/alerts/\#(alert.id)/raise""#) && page.contains("Raise their budget for a day"))
            let raised = try await Self.post(client, "/alerts/\(alert.id)/raise", cookie: cookie, form: "csrf=\(csrf)&reason=Polling+day")
            #expect(raised.location == "/alerts?done=raised")
            #expect(try await Self.page(client, "/alerts?done=raised", cookie: cookie).html.contains("Budget raised for 24 hours"))
        }
        _ = try await harness.test.warden.people.person(bob.id, actor: organiser, purpose: .campaignPlanning)
    }

    @Test func theMembershipOfficeCountsMembersByStatusAndListsEach() async throws {
        let harness = try await WebHarness.make()
        let secretary = try await harness.test.actor("secretary")
        _ = try await harness.test.warden.people.changeMembership(of: PersonID(try await harness.catID()), event: .paymentMissed, reason: "Direct Debit returned", actor: secretary)
        try await harness.run { client in
            let (cookie, _, landing) = try await Self.signIn(client, harness, "organiser", page: "/canvass")
            #expect(landing == "/canvass")
            #expect(try await Self.page(client, "/membership", cookie: cookie).status == .forbidden, "an organiser has no membership office")
        }
        let counts = try await harness.test.warden.people.memberCounts(actor: secretary)
        #expect(counts[.active] == 1 && counts[.inArrears] == 1)
        var arrears = PeopleQuery(text: "")
        arrears.membership = .inArrears
        let listed = try await harness.test.warden.people.list(arrears, actor: secretary, purpose: .membershipAdministration).value
        #expect(listed.total == 1 && listed.people.first?.forenames == "Cat")
        await #expect(throws: WardenError.self) { _ = try await harness.test.warden.people.memberCounts(actor: try await harness.test.actor("canvasser")) }
    }

    @Test func anOrganiserTypesInAReturnedSheetAndNobodyElseCan() async throws {
        let harness = try await WebHarness.make()
        let list = try await harness.test.walkList(assignedTo: "canvasser")
        let ann = try await harness.annID()
        let bob = try #require(try await harness.test.warden.people.search(PeopleQuery(text: "AA-2"), actor: .localOperator, purpose: .registerMaintenance).value.first).id
        try await harness.run { client in
            let (cookie, csrf, _) = try await Self.signIn(client, harness, "organiser", page: "/campaigns/\(list.campaignID.rawValue)")
            _ = try await Self.post(client, "/canvass/lists/\(list.id.rawValue)/sheet", cookie: cookie, form: "csrf=\(csrf)")
            let serial = try #require(try await harness.test.warden.canvass.sheets(list.id, actor: .localOperator).first?.serial)
            let campaign = try await Self.page(client, "/campaigns/\(list.campaignID.rawValue)", cookie: cookie).html
            #expect(campaign.contains(#"href="/canvass/sheets/\#(serial)/enter">Type in</a>"#))
            let form = try await Self.page(client, "/canvass/sheets/\(serial)/enter", cookie: cookie).html
            #expect(form.contains(#"<select name="p\#(ann)">"#) && form.contains(#"<select name="p\#(bob.rawValue)">"#))
            let entered = try await Self.post(client, "/canvass/sheets/\(serial)/enter", cookie: cookie, form: "csrf=\(csrf)&p\(ann)=not_in&p\(bob.rawValue)=")
            #expect(entered.location == "/campaigns/\(list.campaignID.rawValue)?done=entered-1")
            #expect(try await Self.page(client, "/canvass/sheets/\(serial)/enter", cookie: cookie).status == .notFound, "typed in once; the sheet is returned")
        }
        #expect(try await harness.test.warden.canvass.sheets(list.id, actor: .localOperator).first?.status == .returned)
        let dpo = try await harness.test.actor("dpo")
        let annView = try await harness.test.warden.people.person(PersonID(ann), actor: dpo, purpose: .dataProtection).value
        #expect(annView.canvass?.map(\.outcome) == [.notIn] && annView.canvass?.first?.actor == "organiser")
        // The canvasser holds the list but organises nothing: they cannot type in a sheet.
        let sheet = try await harness.test.warden.canvass.printSheet(list.id, actor: .localOperator).sheet
        let canvasser = try await harness.test.actor("canvasser")
        await #expect(throws: WardenError.self) {
            _ = try await harness.test.warden.canvass.enterSheet(serial: sheet.serial, outcomes: [(PersonID(ann), .refused)], actor: canvasser)
        }
        let refusals = try await harness.test.warden.accounts.recentAudit(actor: .localOperator, limit: 10).filter { $0.outcome == .refused }
        #expect(refusals.contains { $0.actor == "canvasser" && $0.detail.contains("type in walk sheet") })
    }
}
