import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// Searching people and reading one: each a single call to ``PeopleService``, which goes
/// through the Gate, answered as JSON with the reader's budget in headers or as a page with
/// the budget's warning at the top. Also the register's counts.
struct PeopleResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.on(api: "people", page: "people", use: search)
        surfaces.onGateChecked(api: "people/:id", page: "people/:id", use: person)
        surfaces.signedInAPI.get("stats", use: stats)
        surfaces.signedInAPI.get("listing", use: apiListing)
    }

    struct ListingResponse: ResponseEncodable {
        /// Name, street and membership status only (``ListingPolicy``).
        var people: [PersonView]
        var total: Int
        var offset: Int
        /// Where the next page starts (`?from=`), while there is one the listing may show.
        var next: Int?
    }

    /// A listing for API clients, as the people page lists: names, streets and statuses, a page
    /// of ``ListingPolicy/pageSize`` at a time, charged to the listing allowance, no deeper than
    /// the first ``ListingPolicy.deepest``. Every parameter is checked.
    @Sendable func apiListing(_ request: Request, context: SignedInContext) async throws -> Response {
        var query = PeopleQuery(text: request.query("q") ?? "", areaID: try request.identifier("area").map(AreaID.init(rawValue:)),
                                limit: ListingPolicy.pageSize)
        query.offset = try request.identifier("from").map { Int(clamping: $0) } ?? 0
        guard query.offset >= 0 else { throw WardenError.invalidRequest("from: zero or more") }
        query.street = request.query("street")
        if let status = request.query("status") {
            guard let parsed = MembershipStatus(rawValue: status) else {
                throw WardenError.invalidRequest("status: one of \(MembershipStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.membership = parsed
        }
        if let day = request.query("ranOutBy") {
            guard let parsed = CalendarDate(parsing: day) else { throw WardenError.invalidRequest("ranOutBy: a date, YYYY-MM-DD") }
            query.duesRanOutBy = parsed
        }
        if let order = request.query("order") {
            guard let parsed = PeopleQuery.Order(rawValue: order) else { throw WardenError.invalidRequest("order: name or street") }
            query.order = parsed
        }
        guard !query.text.trimmingCharacters(in: .whitespaces).isEmpty || query.membership != nil else {
            throw WardenError.invalidRequest("q or status: say what to list")
        }
        let reading = try await warden.people.list(query, actor: context.actor,
                                                   purpose: try Self.purpose(of: request, context: context, answer: .json))
        let listing = reading.value
        let end = listing.offset + listing.people.count
        let next = end < min(listing.total, ListingPolicy.deepest) && !listing.people.isEmpty ? end : nil
        return try ReadBudgetHeaders.response(ListingResponse(people: listing.people, total: listing.total, offset: listing.offset, next: next),
                                              reading.budget, request: request, context: context)
    }

    struct PeopleResponse: ResponseEncodable {
        var people: [PersonView]
    }

    /// The API's search returns records, charged to the read budget. The page lists: a page
    /// of names, streets and statuses, charged to the listing allowance (``ListingPolicy``),
    /// with the count, paging, order and filters; a person's record is opened from it.
    @Sendable func search(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        switch answer {
        case .json:
            let reading = try await warden.people.search(try Self.query(request), actor: context.actor,
                                                         purpose: try Self.purpose(of: request, context: context, answer: answer))
            return try ReadBudgetHeaders.response(PeopleResponse(people: reading.value), reading.budget, request: request, context: context)
        case .page:
            return try await listing(request, context: context)
        }
    }

    /// What the API searches for: `?q=` (nothing found without it), narrowed by `?area=` and
    /// `?limit=`; every parameter is checked, so a mistyped one is a 400, never an empty answer.
    static func query(_ request: Request) throws -> PeopleQuery {
        PeopleQuery(
            text: request.query("q") ?? "", areaID: try request.identifier("area").map(AreaID.init(rawValue:)),
            limit: try request.identifier("limit").map { Int(clamping: $0) } ?? 50)
    }

    /// The search page: the form (keeping what was asked), what a search costs and what is
    /// left today, and the page of the listing asked for.
    func listing(_ request: Request, context: SignedInContext) async throws -> Response {
        var form = SearchForm(request)
        let areas = try await warden.areas.all()
        form.offerAreas(areas, to: context.actor)
        var reading: Reading<Listing>?
        if let query = form.query {
            reading = try await warden.people.list(query, actor: context.actor, purpose: Purpose.default(for: context.actor))
        }
        var chrome = Chrome(context)
        chrome.warn(reading?.budget)
        let page = PeoplePage(chrome: chrome, form: form, listing: reading?.value,
                              allowances: try await warden.people.allowances(actor: context.actor),
                              showsMembership: AccessPolicy.readableFields(for: context.actor, purpose: Purpose.default(for: context.actor)).contains(.membershipStatus),
                              counts: try await warden.people.counts())
        return try pages.render(page, template: "people")
    }

    @Sendable func person(_ request: Request, context: SignedInContext, answer: Answer) async throws -> Response {
        let id = PersonID(rawValue: try context.pathID(missing: "no such person, or not one you may see"))
        let reading = try await warden.people.person(id, actor: context.actor, purpose: try Self.purpose(of: request, context: context, answer: answer))
        switch answer {
        case .json:
            return try ReadBudgetHeaders.response(reading.value, reading.budget, request: request, context: context)
        case .page:
            var chrome = Chrome(context)
            chrome.warn(reading.budget)
            var page = PersonPage(chrome: chrome, view: reading.value)
            // The rest of the household, as a listing (names and street), as far as the reader
            // may see them; past the listing allowance the page says so rather than failing.
            do {
                page.household = try await warden.people.household(of: id, actor: context.actor, purpose: Purpose.default(for: context.actor)).value.people
                    .map { PersonPage.Housemate(id: $0.id.description, name: $0.displayName.isEmpty ? "(anonymous entry)" : $0.displayName) }
            } catch WardenError.budgetExhausted {
                page.householdWithheld = "Not listed: today's listing allowance is used up."
            }
            if let status = reading.value.membershipStatus, context.actor.roles.contains(.membershipSecretary) {
                page.offerMembershipChanges(from: status)
            }
            switch request.query("joined") {
            case "linked": page.notice = "New member recorded, linked to their entry on the electoral register."
            case "unlinked": page.notice = "New member recorded at their own address: no one of that name is on the register at that postcode."
            default: break
            }
            if let changed = request.query("changed").flatMap(MembershipStatus.init(rawValue:)) {
                page.notice = "Membership status changed to \(changed.words). The change is versioned and recorded."
            }
            return try pages.render(page, template: "person")
        }
    }

    @Sendable func stats(_ request: Request, context: SignedInContext) async throws -> StoreCounts {
        try await warden.people.counts()
    }

    /// The purpose an API client states (`?purpose=`), else the one that goes with the
    /// actor's role. A page always reads for that usual purpose.
    static func purpose(of request: Request, context: SignedInContext, answer: Answer) throws -> Purpose {
        if answer == .json, let stated = request.query("purpose") {
            guard let purpose = Purpose(rawValue: stated) else {
                throw WardenError.invalidRequest("purpose: one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return purpose
        }
        return Purpose.default(for: context.actor)
    }
}
