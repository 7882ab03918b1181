import WardenCore

/// Finds or creates households by address key, remembering them for the rest of the file.
struct Households {
    private var ids: [String: Int64] = [:]
    private(set) var created = 0
    /// Set when there were no households at the start: every household is then in `ids`
    /// once seen, and a miss needs no lookup.
    var knownEmpty = false

    /// The household at `address` (whose ``Address/householdKey`` is `key`); placed in
    /// `district` if it was not placed there yet.
    mutating func id(for address: Address, key: String, district: Int64?, in ledger: some ImportLedger) throws -> Int64 {
        if let id = ids[key] { return id }
        if !knownEmpty, let found = try ledger.household(key: key) {
            if let district, found.district != district { try ledger.placeHousehold(found.id, in: district) }
            ids[key] = found.id
            return found.id
        }
        let id = try ledger.addHousehold(key: key, address: address, district: district)
        ids[key] = id
        created += 1
        return id
    }
}
