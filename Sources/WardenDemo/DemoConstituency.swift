public import WardenCore

/// A synthetic constituency: its areas, its register and its members, generated
/// deterministically from a seed.
///
/// The shape follows a real English constituency at small scale: five wards of four
/// polling districts each, streets of houses with 1–4 electors, a few anonymous and
/// overseas entries, attainers, and a membership of about 5% of the electorate with a
/// realistic spread of statuses.
public struct DemoConstituency: Sendable {
    public var areas: [AreaDefinition]
    public var register: [RegisterEntry]
    public var members: [MembershipRecord]

    public static let nationCode = "E92000001"
    public static let constituencyCode = "DEMO-FW"
    public static let firstWardCode = "DEMO-W1"
    public static let firstDistrictCode = "AA"

    /// Generates about `electors` register entries and `members` members.
    public init(electors targetElectors: Int = 50_000, members targetMembers: Int = 2_500, seed: UInt64 = 2026) {
        var random = SeededGenerator(seed: seed)
        areas = [
            AreaDefinition(level: .nation, code: Self.nationCode, name: "England", parentCode: nil),
            AreaDefinition(level: .region, code: "DEMO-R", name: "Demo Region", parentCode: Self.nationCode),
            AreaDefinition(level: .constituency, code: Self.constituencyCode, name: "\(Names.town) and Ashdown", parentCode: "DEMO-R"),
        ]
        var districts: [String] = []
        for (wardIndex, wardName) in Names.wards.enumerated() {
            let wardCode = "DEMO-W\(wardIndex + 1)"
            areas.append(AreaDefinition(level: .ward, code: wardCode, name: wardName, parentCode: Self.constituencyCode))
            for districtIndex in 0..<4 {
                let code = String(UnicodeScalar(UInt8(65 + wardIndex))) + String(UnicodeScalar(UInt8(65 + districtIndex)))
                districts.append(code)
                areas.append(AreaDefinition(level: .pollingDistrict, code: code, name: "\(wardName) \(code)", parentCode: wardCode))
            }
        }
        register = Self.register(districts: districts, target: targetElectors, random: &random)
        members = Self.members(from: register, target: targetMembers, random: &random)
    }

    static func register(districts: [String], target: Int, random: inout SeededGenerator) -> [RegisterEntry] {
        var entries: [RegisterEntry] = []
        entries.reserveCapacity(target + 200)
        var streets = Array(Set(Names.streetStems.flatMap { stem in Names.streetKinds.map { "\(stem) \($0)" } })).sorted()
        streets.shuffle(using: &random)
        let perDistrict = target / districts.count
        var streetCursor = 0
        for (districtIndex, district) in districts.enumerated() {
            var number = 0
            let outward = "FW\(districtIndex / 4 + 1)"
            while number < perDistrict {
                let street = streets[streetCursor % streets.count]
                let sector = streetCursor % 9 + 1
                streetCursor += 1
                for house in 1...Int.random(in: 20...90, using: &random) where number < perDistrict {
                    let postcode = "\(outward) \(sector)\(Character(UnicodeScalar(UInt8(65 + house / 15 % 26))))\(Character(UnicodeScalar(UInt8(65 + streetCursor % 26))))"
                    let address = Address(lines: ["\(house) \(street)", Names.town], postcode: postcode)
                    let familyName = random.pick(Names.surnames)
                    for _ in 0..<Int.random(in: 1...4, using: &random) where number < perDistrict {
                        number += 1
                        entries.append(entry(district: district, number: number, address: address, family: familyName, random: &random))
                    }
                }
            }
            for _ in 0..<3 {
                number += 1
                var overseas = entry(district: district, number: number, address: Address(lines: [], postcode: ""),
                                     family: random.pick(Names.surnames), random: &random)
                overseas.markers = "F"
                entries.append(overseas)
            }
        }
        return entries
    }

    static func entry(district: String, number: Int, address: Address, family: String, random: inout SeededGenerator) -> RegisterEntry {
        let anonymous = random.chance(0.001)
        let attainer = random.chance(0.02)
        var markers = ""
        if anonymous { markers = "N" } else if random.chance(0.03) { markers = "G" } else if random.chance(0.02) { markers = "K" }
        let surname = random.chance(0.8) ? family : random.pick(Names.surnames)
        let name = anonymous ? PersonName.anonymous
            : PersonName(title: random.pick(Names.titles), forenames: random.pick(Names.forenames), surname: surname)
        return RegisterEntry(
            pollingDistrict: district, number: ElectorNumber(prefix: district, number: number), markers: markers, name: name,
            dateOfBirth: attainer ? CalendarDate(year: 2009, month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random)) : nil,
            attainerDate: attainer ? CalendarDate(year: 2027, month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random)) : nil,
            address: anonymous ? Address(lines: [], postcode: "") : address)
    }

    static func members(from register: [RegisterEntry], target: Int, random: inout SeededGenerator) -> [MembershipRecord] {
        let candidates = register.filter { !$0.isAnonymous && !$0.address.isEmpty }
        var chosen = Set<Int>()
        var records: [MembershipRecord] = []
        while records.count < target {
            let index = Int.random(in: 0..<candidates.count, using: &random)
            guard chosen.insert(index).inserted else { continue }
            let elector = candidates[index]
            let serial = records.count + 1
            let wardNumber = Int((elector.pollingDistrict.unicodeScalars.first?.value ?? 65) - 64)
            let roll = Double.random(in: 0..<1, using: &random)
            let status: MembershipStatus = roll < 0.72 ? .active : roll < 0.80 ? .inArrears : roll < 0.92 ? .lapsed
                : roll < 0.97 ? .resigned : roll < 0.985 ? .suspended : .expelled
            let joined = CalendarDate(year: Int.random(in: 1985...2026, using: &random), month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random))
            let local = Normalize.letters(elector.name.forenames + elector.name.surname).lowercased()
            var points = [ContactPoint(kind: .email, value: "\(local).\(serial)@example.org", source: .membershipImport,
                                       consent: random.chance(0.7) ? [.email] : [])]
            if random.chance(0.8) {
                points.append(ContactPoint(kind: .phone, value: "07700" + (900_000 + serial % 1_000).description, source: .membershipImport,
                                           consent: random.chance(0.5) ? [.call, .sms] : []))
            }
            records.append(MembershipRecord(
                membershipNumber: "L\((100_000 + serial).description)", name: elector.name, dateOfBirth: nil, address: elector.address,
                contactPoints: points, status: status, joinedOn: joined,
                statusSince: status == .active ? joined : CalendarDate(year: 2026, month: Int.random(in: 1...10, using: &random), day: 1),
                branch: "DEMO-W\(wardNumber)",
                dues: Dues(pence: random.pick([350, 450, 600, 1000]), frequency: random.chance(0.85) ? .monthly : .annual)))
        }
        return records
    }
}
