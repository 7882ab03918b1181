import Foundation
import Hummingbird
import WardenCore
import WardenServices

/// The search form as asked (`?q=&area=&status=&ranOutBy=&street=&order=&from=`), kept on
/// the page so a refined search starts from the last one.
struct SearchForm {
    var text: String
    var area: String
    var status: String
    /// Only members whose dues ran out by this day (`YYYY-MM-DD`): the office's "lapsing this
    /// month" list. Kept as asked; a date that does not parse narrows nothing.
    var ranOutBy: String
    /// Says what `ranOutBy` narrows to, when it does.
    var ranOutByWords: String?
    var street: String
    var order: String
    var offset: Int
    /// The areas the reader may narrow to, their own first.
    var areas: [Option] = []
    var statuses: [Option]
    var orders: [Option]

    struct Option { var value: String; var label: String; var selected: Bool }

    init(_ request: Request) {
        text = request.query("q") ?? ""
        area = request.query("area") ?? ""
        status = request.query("status") ?? ""
        ranOutBy = request.query("ranOutBy") ?? ""
        ranOutByWords = CalendarDate(parsing: ranOutBy).map { "whose dues ran out by \($0.readable)" }
        street = request.query("street") ?? ""
        order = request.query("order") ?? ""
        offset = max(0, Int(request.query("from") ?? "") ?? 0)
        let status = status, order = order
        statuses = [Option(value: "", label: "anyone", selected: status.isEmpty)]
            + MembershipStatus.allCases.map { Option(value: $0.rawValue, label: "members " + $0.words, selected: $0.rawValue == status) }
        orders = [Option(value: "", label: "the search's usual order", selected: order.isEmpty),
                  Option(value: PeopleQuery.Order.name.rawValue, label: "name", selected: order == PeopleQuery.Order.name.rawValue),
                  Option(value: PeopleQuery.Order.street.rawValue, label: "street, in walking order", selected: order == PeopleQuery.Order.street.rawValue)]
    }

    /// The query the form asks, or `nil` before anything is asked: some text, or a membership
    /// status alone (the office's lists). A postcode lists in street order unless name order
    /// is chosen.
    var query: PeopleQuery? {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty || MembershipStatus(rawValue: status) != nil else { return nil }
        var query = PeopleQuery(text: text, areaID: Int64(area).map(AreaID.init(rawValue:)), limit: ListingPolicy.pageSize)
        query.offset = offset
        query.street = street.isEmpty ? nil : street
        query.membership = MembershipStatus(rawValue: status)
        query.duesRanOutBy = CalendarDate(parsing: ranOutBy)
        if let chosen = PeopleQuery.Order(rawValue: order) {
            query.order = chosen
        } else if case .postcode = query.interpretation {
            query.order = .street
        }
        return query
    }

    /// Offers the areas at and below the reader's grants' areas (every area for a grant over
    /// the whole party). Narrowing is the reader's choice; what they may see is the Gate's.
    mutating func offerAreas(_ all: [Area], to actor: Actor) {
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        let reading = actor.grants.filter { $0.scopeWalkListID == nil && $0.role != .member && $0.role != .canvasser }
        let roots = Set(reading.compactMap(\.scopeAreaID))
        let everywhere = reading.contains { $0.scopeAreaID == nil }
        let area = area
        areas = [Option(value: "", label: "all your areas", selected: area.isEmpty)]
            + all.filter { everywhere || !roots.isDisjoint(with: Area.chain(from: $0.id, in: byID).map(\.id)) }
                .sorted { ($0.level, $0.name) < ($1.level, $1.name) }
                .map { Option(value: $0.id.description, label: "\($0.name) (\($0.level.words))",
                              selected: $0.id.description == area) }
    }

    /// This form's address with the listing starting at `offset`.
    func link(from offset: Int) -> String {
        let pairs = [("q", text), ("area", area), ("status", status), ("ranOutBy", ranOutBy), ("street", street), ("order", order), ("from", offset == 0 ? "" : String(offset))]
        return "/people?" + pairs.filter { !$0.1.isEmpty }.map { "\($0.0)=\(Self.encoded($0.1))" }.joined(separator: "&")
    }

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}

/// The people page: the search form, its cost, and one page of a listing.
struct PeoplePage {
    var chrome: Chrome
    var form: SearchForm
    var searched: Bool
    var people: [Row]
    var none: Bool
    /// "41–65 of 132 people".
    var range: String?
    var previous: String?
    var next: String?
    /// Said when the search matches more than can be listed.
    var narrow: String?
    /// What a page of results and an opened record cost, and what is left today.
    var cost: String
    var showsMembership: Bool
    /// "50,060 electors in 20,074 households; 2,500 members."
    var counts: String

    struct Row {
        var id: String
        var name: String
        var street: String
        var membership: String
    }

    init(chrome: Chrome, form: SearchForm, listing: Listing?, allowances: Allowances?, showsMembership: Bool, counts: StoreCounts) {
        self.chrome = chrome
        self.form = form
        self.showsMembership = showsMembership
        self.counts = "\(counts.electors.formatted()) electors in \(counts.households.formatted()) households; \(counts.members.formatted()) members."
        searched = listing != nil
        people = (listing?.people ?? []).map { view in
            Row(id: view.id.description, name: view.displayName.isEmpty ? "(anonymous entry)" : view.displayName,
                street: view.address?.lines.first ?? "", membership: view.membershipStatus.map { $0.words } ?? "")
        }
        none = listing.map { $0.people.isEmpty } ?? false
        if let listing, !listing.people.isEmpty {
            let listable = min(listing.total, ListingPolicy.deepest)
            range = "\(listing.offset + 1)–\(listing.offset + listing.people.count) of \(listing.total.formatted()) \(listing.total == 1 ? "person" : "people")"
            previous = listing.offset > 0 ? form.link(from: max(0, listing.offset - ListingPolicy.pageSize)) : nil
            let following = listing.offset + ListingPolicy.pageSize
            next = following < listable ? form.link(from: following) : nil
            if listing.total > ListingPolicy.deepest {
                narrow = "Only the first \(ListingPolicy.deepest) can be listed. Narrow the search: choose an area or a street, or type more of the name."
            }
        }
        if let allowances {
            cost = "A page lists up to \(ListingPolicy.pageSize) people by name and street: each new person counts once a day against your listing allowance "
                + "(\(allowances.listed.used.formatted()) of \(allowances.listed.limit.formatted()) used). Opening a record counts against your read budget "
                + "(\(allowances.read.used.formatted()) of \(allowances.read.limit.formatted()) used). Both are recorded."
        } else {
            cost = "Every person listed or opened is recorded."
        }
    }
}
