extension PersonState {
    /// The one renderer of a record's canonical text: imports, writes, rollback and `warden
    /// verify` all compare and hash what this produces, whatever engine read the values.
    ///
    /// The format is fixed by the versions already stored, byte for byte: keys in ``Key``
    /// order; a `nil` optional value has no line; values that people type are escaped
    /// (backslash, line feed, tab), values Warden itself writes are not; contact points of a
    /// kind come sorted by their UTF-8 bytes; an answer tag is upper-case hexadecimal,
    /// empty when there are no answers.
    public init(_ record: PersonSnapshot) {
        self = Self.rendered(record).state
    }

    /// The record's text and the keys it holds, in order: a first version's changed fields
    /// are all its keys, which the renderer knows without reading the text back.
    public static func rendered(_ record: PersonSnapshot) -> (state: PersonState, keys: [String]) {
        var out = StateText()
        if let title = record.title { out.line("title", escaped: title) }
        out.line("forenames", escaped: record.forenames)
        out.line("surname", escaped: record.surname)
        if let date = record.dateOfBirth { out.line("date_of_birth", date) }
        if let address = record.address { out.line("address", escaped: address.lines + "\n" + address.postcode) }
        if let elector = record.elector {
            out.start("elector")
            out.plain("\(elector.pollingDistrictID) \(elector.prefix)-\(elector.number).\(elector.suffix) ")
            out.escaped(elector.markers)
            out.plain(" \(elector.franchise ?? "") \(elector.attainerDate ?? "") \(elector.anonymous ? 1 : 0)\(elector.optedOut ? 1 : 0)")
            out.end()
        }
        if let member = record.membership {
            out.line("membership_number", escaped: member.number)
            out.line("membership_status", member.status)
            if let joined = member.joinedOn { out.line("joined_on", joined) }
            if let since = member.statusSince { out.line("status_since", since) }
            if let branch = member.branchAreaID { out.line("branch", String(branch)) }
            if let pence = member.duesPence { out.line("dues", "\(pence) \(member.duesFrequency ?? "")") }
        }
        for key in [Key.email, .phone, .postal] {
            let values = record.contacts.filter { $0.kind == key.rawValue }
                .sorted { Array($0.value.utf8).lexicographicallyPrecedes($1.value.utf8) }
            for contact in values {
                out.start(key.rawValue)
                out.escaped(contact.value)
                out.plain("\t" + contact.consent)
                out.end()
            }
        }
        // Canvass results, in the clear except the answers, which enter as the 16-byte tag
        // that authenticates their ciphertext: a swapped or altered ciphertext no longer opens.
        for contact in record.canvass {
            // Without answers the tag is empty (the first engine's `hex(NULL)` wrote it so).
            let tag = Self.upperHex(contact.sealedTag ?? [])
            out.line("canvass", "\(contact.uid) \(contact.campaignID) \(contact.walkListID.map(String.init) ?? "-") "
                + "\(contact.outcome) \(contact.channel) \(contact.doNotContact ? 1 : 0) \(contact.at) \(tag)")
        }
        return (PersonState(text: String(decoding: out.bytes, as: UTF8.self)), out.keys)
    }

    /// The authentication tag of a sealed value: its last 16 bytes.
    public static func answerTag(_ sealed: [UInt8]) -> [UInt8] {
        Array(sealed.suffix(16))
    }

    private static func upperHex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The bytes of a state text, built a line at a time: an import renders a million of these.
private struct StateText {
    var bytes: [UInt8] = []
    /// The keys written, each once, in order.
    var keys: [String] = []

    init() { bytes.reserveCapacity(256) }

    mutating func start(_ key: String) {
        if keys.last != key { keys.append(key) }
        bytes += key.utf8
        bytes.append(UInt8(ascii: "="))
    }

    mutating func end() { bytes.append(0x0A) }

    mutating func plain(_ value: String) { bytes += value.utf8 }

    /// Backslash, line feed and tab become `\\`, `\n` and `\t`.
    mutating func escaped(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x09: bytes += [0x5C, 0x74]
            default: bytes.append(byte)
            }
        }
    }

    mutating func line(_ key: String, _ value: String) {
        start(key)
        plain(value)
        end()
    }

    mutating func line(_ key: String, escaped value: String) {
        start(key)
        escaped(value)
        end()
    }
}
