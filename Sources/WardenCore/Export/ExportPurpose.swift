/// Why the party shares people with someone outside Warden, and so which columns it may
/// send: data is minimised by purpose (UK GDPR Art. 5(1)(c)). A party configures its own
/// list; ``defaults`` covers the usual campaigning ones.
public struct ExportPurpose: Sendable, Hashable, Codable {
    /// A short identifier, `leaflet_delivery`.
    public var id: String
    /// The purpose in words, for pages and the request's record.
    public var title: String
    /// The only fields an export for this purpose may carry.
    public var fields: [ExportField]

    public init(id: String, title: String, fields: [ExportField]) {
        self.id = id
        self.title = title
        self.fields = fields.sorted()
    }

    /// Whether special category data may be sent at all (still only with the DPO's explicit approval).
    public var allowsSpecialCategory: Bool { fields.contains { $0.isSpecialCategory } }

    public static let defaults: [ExportPurpose] = [
        ExportPurpose(id: "leaflet_delivery", title: "Leaflet delivery", fields: [.name, .address]),
        ExportPurpose(id: "phone_bank", title: "Phone bank", fields: [.name, .phone]),
        ExportPurpose(id: "postal_vote_chase", title: "Postal vote chase", fields: [.name, .address, .electorNumber]),
        ExportPurpose(id: "member_mailing", title: "Mailing to members", fields: [.name, .address, .email, .membershipNumber]),
        ExportPurpose(id: "polling_day_knock_up", title: "Polling day knock-up", fields: [.name, .address, .phone, .electorNumber, .intention]),
    ]

    /// Checks `fields` against this purpose; an error naming the first it does not allow.
    public func check(_ fields: [ExportField]) throws(WardenError) {
        guard !fields.isEmpty else { throw .invalidRequest("fields: name at least one of \(self.fields.map(\.rawValue).joined(separator: ", "))") }
        if let extra = fields.first(where: { !self.fields.contains($0) }) {
            throw .invalidRequest("fields: \(extra.rawValue) is not needed for \(title.lowercased()); it allows \(self.fields.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
