/// Where a party's decoys point: places it controls, so that anyone using a leaked file to
/// write, email or ring "people" reaches the party, and the decoy names the export.
public struct DecoySettings: Sendable, Hashable, Codable {
    /// A domain whose mail the party reads (every decoy gets its own address there).
    public var emailDomain: String
    /// The first and last numbers of a range the party answers, canonical (`07700900000`).
    public var phoneFirst: String
    public var phoneLast: String
    /// Addresses the party controls (an office, a member's letterbox that has agreed to it).
    public var postalAddresses: [Address]

    public init(emailDomain: String, phoneFirst: String, phoneLast: String, postalAddresses: [Address]) {
        self.emailDomain = emailDomain
        self.phoneFirst = phoneFirst
        self.phoneLast = phoneLast
        self.postalAddresses = postalAddresses
    }

    /// For the demo and tests: the `.invalid` domain and Ofcom's range for drama
    /// (07700 900000–900999), which reach nobody. A real party configures its own.
    public static let placeholder = DecoySettings(
        emailDomain: "decoys.warden.invalid", phoneFirst: "07700900000", phoneLast: "07700900999",
        postalAddresses: [Address(lines: ["Freepost WARDEN DECOYS", "Fellwick"], postcode: "FW1 9ZZ")])

    /// Checks the settings make sense; an error naming the field.
    public func check() throws(WardenError) {
        guard emailDomain.contains("."), !emailDomain.contains("@"), !emailDomain.contains(" ") else {
            throw .invalidRequest("decoys.email_domain: a domain such as decoys.example.org")
        }
        guard let first = ContactPoint.canonicalPhone(phoneFirst), let last = ContactPoint.canonicalPhone(phoneLast),
              first.count == last.count, let low = Int64(first), let high = Int64(last), low <= high else {
            throw .invalidRequest("decoys.phone_first, decoys.phone_last: a range of UK numbers of one length, first ≤ last")
        }
        guard !postalAddresses.isEmpty, postalAddresses.allSatisfy({ !$0.lines.isEmpty && !$0.postcode.isEmpty }) else {
            throw .invalidRequest("decoys.postal_addresses: at least one address with its postcode")
        }
    }
}

/// A person who does not exist, unique to one export: plausible name, an email address and a
/// phone number no one else was given, at an address the party controls.
public struct ExportDecoy: Sendable, Hashable, Codable {
    public var forenames: String
    public var surname: String
    public var email: String
    public var phone: String?
    public var address: Address

    /// Decoy `index` of the export `marks` are for, avoiding the names, emails and phones
    /// `taken` already (by other exports' decoys). The phone is left out once the range is
    /// used up, which the request's record then says.
    public static func make(_ index: Int, marks: ExportMarks, settings: DecoySettings, taken: Set<String>) -> ExportDecoy {
        var attempt = 0
        var decoy: ExportDecoy
        repeat {
            func pick(_ list: [String], _ what: String) -> String {
                list[Int(marks.draw(decoy: index, what, attempt: attempt) % UInt64(list.count))]
            }
            let first = pick(CommonNames.forenames, "first"), middle = pick(CommonNames.forenames, "middle")
            let surname = pick(CommonNames.surnames, "surname")
            let number = marks.draw(decoy: index, "email number", attempt: attempt) % 900 + 100
            // A unit number of its own, so the post it draws is told apart at the party's address.
            let base = settings.postalAddresses[Int(marks.draw(decoy: index, "address", attempt: attempt) % UInt64(settings.postalAddresses.count))]
            let unit = marks.draw(decoy: index, "unit", attempt: attempt) % 9_000 + 1_000
            decoy = ExportDecoy(
                forenames: first == middle ? first : first + " " + middle, surname: surname,
                email: "\(first).\(surname)\(number)@\(settings.emailDomain)".lowercased(), phone: nil,
                address: Address(lines: ["Unit \(unit)"] + base.lines, postcode: base.postcode))
            attempt += 1
        } while [decoy.nameKey, decoy.email, decoy.addressKey].contains(where: taken.contains)
        if let low = Int64(settings.phoneFirst), let high = Int64(settings.phoneLast) {
            let span = UInt64(high - low + 1)
            for probe in 0..<min(span, 4_096) {
                let offset = (marks.draw(decoy: index, "phone", attempt: 0) &+ probe) % span
                let digits = String(low + Int64(offset))
                let phone = String(repeating: "0", count: max(0, settings.phoneFirst.count - digits.count)) + digits
                if !taken.contains(phone) {
                    decoy.phone = phone
                    break
                }
            }
        }
        return decoy
    }

    /// The decoy's name as a trace compares it (``ExportCells/name(forenames:surname:)``).
    public var nameKey: String { ExportCells.name(forenames: forenames, surname: surname) }

    /// A decoy elector number (a walk sheet's) as a trace compares it: kept apart from names
    /// and addresses, and with its separators, so `AA-12/3` never meets a real `AA-123`.
    public static func electorKey(_ number: String) -> String {
        "elector:" + String(number.uppercased().filter { !$0.isWhitespace })
    }

    /// The decoy's address line as a trace compares it (``ExportCells/address(_:)``).
    public var addressKey: String { ExportCells.address(address.lines.joined(separator: ", ")) }

    /// Every value a trace may find of it: name, email, phone, address.
    public var keys: [String] { [nameKey, email, addressKey] + (phone.map { [$0] } ?? []) }
}
