import WardenCore

/// The menu a signed-in user sees and where they land: only what their roles can use, their
/// role's home first, and the page they are on marked.
///
/// Each item is offered by the same policy that decides the page behind it, so the menu
/// never leads to a Forbidden page and never hides one a user may use.
struct Navigation {
    struct Item {
        var href: String
        var label: String
        /// The first path segments of the pages this item leads to, for marking it current.
        var sections: Set<String>
        /// `aria-current="page"` on the item for the page being shown.
        var current = false
    }

    var items: [Item]

    /// The menu for `actor` on the page whose route is `path` (e.g. `/campaigns/:id`), if known.
    init(actor: Actor, path: String?) {
        let section = path.map { $0.split(separator: "/").first.map(String.init) ?? "" }
        items = Self.offered(to: actor).map { item in
            var item = item
            item.current = section.map(item.sections.contains) ?? false
            return item
        }
    }

    /// Where `actor` lands after signing in and at `/`: the first item of their menu, which
    /// is their main role's home (the DPO's dashboard, the membership secretary's office, an
    /// administrator's access page, a canvasser's lists, a member's own record).
    static func home(of actor: Actor) -> String {
        offered(to: actor).first?.href ?? "/account"
    }

    /// The items in order of the roles' homes: oversight first, then the office, the
    /// canvass, people and places, and one's own record and account last.
    static func offered(to actor: Actor) -> [Item] {
        let roles = Set(actor.grants.map(\.role))
        let isDPO = AccessPolicy.mayReviewAudit(actor)
        let searches = isDPO || roles.contains(.membershipSecretary) || roles.contains(.organiser)
        let organises = !AccessPolicy.canvassOrganisingScope(for: actor).isEmpty
        var items: [Item] = []
        if isDPO {
            items.append(Item(href: "/dpo", label: "Dashboard", sections: ["dpo"]))
        }
        if roles.contains(.membershipSecretary) {
            items.append(Item(href: "/membership", label: "Membership", sections: ["membership"]))
        }
        if AccessPolicy.mayAdministerAccounts(actor) || isDPO {
            items.append(Item(href: "/access", label: "Access", sections: ["access", "grants"]))
        }
        if organises || roles.contains(.canvasser) {
            items.append(Item(href: "/canvass", label: organises ? "Canvass" : "My lists", sections: ["canvass", "campaigns"]))
        }
        if searches {
            items.append(Item(href: "/people", label: "People", sections: ["people"]))
        }
        if searches || organises {
            items.append(Item(href: "/areas", label: "Areas", sections: ["areas"]))
        }
        if MailingPolicy.mayRecordObjection(actor) {
            items.append(Item(href: "/mailings", label: "Mailings", sections: ["mailings"]))
        }
        if actor.accountID != nil && OrganisingPolicy.organisesAnywhere(actor) {
            items.append(Item(href: "/volunteers", label: "Volunteers", sections: ["volunteers"]))
            items.append(Item(href: "/events", label: "Events", sections: ["events"]))
        }
        if actor.accountID != nil && (ExportPolicy.requestRefusal(by: actor) == nil || roles.contains(.dataProtectionOfficer)) {
            items.append(Item(href: "/exports", label: "Exports", sections: ["exports"]))
        }
        if isDPO {
            items += [
                Item(href: "/alerts", label: "Alerts", sections: ["alerts"]),
                Item(href: "/sar", label: "Subject access", sections: ["sar"]),
                Item(href: "/erasures", label: "Erasures", sections: ["erasures"]),
                Item(href: "/retention", label: "Retention", sections: ["retention"]),
                Item(href: "/incidents", label: "Incidents", sections: ["incidents"]),
                Item(href: "/audit", label: "Investigations", sections: ["audit", "rollback"]),
                Item(href: "/backups", label: "Backups", sections: ["backups"]),
            ]
        }
        if actor.personID != nil && roles.contains(.member) {
            items.append(Item(href: "/me/record", label: "My record", sections: ["me"]))
        }
        items.append(Item(href: "/ballots", label: "Ballots", sections: ["ballots"]))
        items.append(Item(href: "/account", label: "Account", sections: ["account"]))
        return items
    }
}
