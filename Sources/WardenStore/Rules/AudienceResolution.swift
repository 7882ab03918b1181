import WardenCore

/// A mailing's audience as the rule finds it now: for each person, the one address they are
/// written to, or why there is none. Shared by the count and the send, so the author's count
/// is the send's.
///
/// A person's email addresses are tried in the order they were added: the first that may be
/// used (consent for campaigning), is not suppressed, and has not already been taken by
/// someone earlier in the audience (a shared household address gets one email).
struct AudienceResolution {
    /// One email to queue.
    struct Recipient {
        var person: Int64
        var firstName: String
        var address: String
        var hash: [UInt8]
    }

    private(set) var recipients: [Recipient] = []
    private(set) var count = AudienceCount(people: 0, emails: 0, noEmail: 0, noConsent: 0, suppressed: 0, shared: 0)

    init(_ request: AudienceRequest, at instant: Timestamp, areas: [AreaID: Area], _ sql: any SQLSession) throws {
        let mailing = request.mailing
        let suppressed = try Self.suppressionList(sql)
        let erased = try Self.erasedHashes(sql)
        let rows = try sql.rows("""
            SELECT a.id, a.forenames, c.value, c.consent FROM (\(Self.audience(mailing.audience, mailing.areaID, areas))) a
            LEFT JOIN contact_point c ON c.person_id = a.id AND c.kind = 'email'
            ORDER BY a.id, c.id
            """)
        var taken = Set<[UInt8]>()
        var index = rows.startIndex
        while index < rows.endIndex {
            let person = try rows[index].integer(0)
            let firstName = try rows[index].text(1)
            var addresses: [(value: String, consent: String)] = []
            while index < rows.endIndex, try rows[index].integer(0) == person {
                if let value = try rows[index].optionalText(2) { addresses.append((value, try rows[index].text(3))) }
                index += 1
            }
            count.people += 1
            let usable = addresses.filter { mailing.mailClass == .service || $0.consent.split(separator: ",").contains("email") }
            guard !addresses.isEmpty else { count.noEmail += 1; continue }
            guard !usable.isEmpty else { count.noConsent += 1; continue }
            var sharedOnly = false
            var chosen: Recipient?
            for address in usable {
                let hash = request.addressHash(address.value)
                if suppressed[hash]?.blocks(mailing.mailClass, at: instant) == true || erased.contains(hash) { continue }
                if taken.contains(hash) { sharedOnly = true; continue }
                chosen = Recipient(person: person, firstName: firstName, address: address.value, hash: hash)
                break
            }
            if let chosen {
                taken.insert(chosen.hash)
                recipients.append(chosen)
                count.emails += 1
            } else if sharedOnly {
                count.shared += 1
            } else {
                count.suppressed += 1
            }
        }
    }

    /// The people the rule finds, as a subquery of `id, forenames`.
    static func audience(_ audience: Audience, _ area: AreaID, _ areas: [AreaID: Area]) -> String {
        let placed = PersonRows.placement(in: [area], all: areas)
        switch audience {
        case .members(let arrears):
            return """
                SELECT DISTINCT p.id, p.forenames FROM member m JOIN person p ON p.id = m.person_id
                LEFT JOIN household h ON h.id = p.household_id
                LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
                WHERE m.status IN (\(arrears ? "'active','in_arrears'" : "'active'")) AND \(placed)
                """
        case .supporters:
            return """
                SELECT DISTINCT p.id, p.forenames FROM person p LEFT JOIN member m ON m.person_id = p.id
                LEFT JOIN household h ON h.id = p.household_id
                LEFT JOIN elector e ON e.person_id = p.id AND e.current = 1
                WHERE (m.person_id IS NULL OR m.status NOT IN ('active','in_arrears')) AND \(placed)
                """
        case .volunteers(let skill):
            // Where a volunteer helps is their own choice, not where they live.
            let offered = skill.map { " AND (',' || v.skills || ',') LIKE '%,\($0.rawValue),%'" } ?? ""
            return """
                SELECT p.id, p.forenames FROM volunteer v JOIN person p ON p.id = v.person_id
                WHERE v.status <> 'lapsed' AND v.area_id IN (\(within(area, areas)))\(offered)
                """
        case .eventReplies(let event):
            // Only an event of the mailing's area: the rule cannot reach past the author's areas.
            return """
                SELECT p.id, p.forenames FROM event_rsvp r JOIN event ev ON ev.id = r.event_id JOIN person p ON p.id = r.person_id
                WHERE r.event_id = \(event.rawValue) AND r.state IN ('going','waitlisted','attended') AND ev.area_id IN (\(within(area, areas)))
                """
        }
    }

    /// The identifiers of `area` and the areas under it, for an `IN` list.
    private static func within(_ area: AreaID, _ areas: [AreaID: Area]) -> String {
        let within = areas[area].map { [$0] + Area.descendants(of: $0, in: areas) } ?? []
        return within.isEmpty ? "NULL" : within.map { String($0.id.rawValue) }.joined(separator: ",")
    }

    /// The whole suppression list by hash: one read however large the audience.
    static func suppressionList(_ sql: any SQLSession) throws -> [[UInt8]: SuppressionEntry] {
        var list: [[UInt8]: SuppressionEntry] = [:]
        for entry in try SuppressionRows.all(sql) { list[entry.hash] = entry.entry }
        return list
    }

    /// Emails of people erased and not to be contacted again (``SuppressionIdentifiers``),
    /// hashed under the same key as the list.
    static func erasedHashes(_ sql: any SQLSession) throws -> Set<[UInt8]> {
        Set(try sql.rows("SELECT hash FROM suppression").map { try $0.blob(0) })
    }
}
