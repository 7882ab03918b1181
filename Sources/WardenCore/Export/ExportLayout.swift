/// One row of an export before it is written: a person's permitted values, or a decoy's.
public struct ExportValues: Sendable, Hashable {
    /// `nil` for a decoy.
    public var personID: PersonID?
    public var forenames: String?
    public var surname: String?
    public var address: Address?
    public var email: String?
    /// Canonical digits (``ContactPoint/canonicalPhone(_:)``).
    public var phone: String?
    public var electorNumber: String?
    public var membershipNumber: String?
    public var intention: String?

    public init(personID: PersonID?, forenames: String? = nil, surname: String? = nil, address: Address? = nil, email: String? = nil,
                phone: String? = nil, electorNumber: String? = nil, membershipNumber: String? = nil, intention: String? = nil) {
        self.personID = personID
        self.forenames = forenames
        self.surname = surname
        self.address = address
        self.email = email
        self.phone = phone
        self.electorNumber = electorNumber
        self.membershipNumber = membershipNumber
        self.intention = intention
    }

    /// A decoy as a row of `fields`; what it cannot plausibly have (an elector or membership
    /// number, an intention) stays empty, as it does for many real people.
    public init(_ decoy: ExportDecoy) {
        self.init(personID: nil, forenames: decoy.forenames, surname: decoy.surname, address: decoy.address, email: decoy.email,
                  phone: decoy.phone)
    }
}

/// How an export lays out its rows: the keyed order with decoys in their keyed places, each
/// row's cells with their format choices, and the tokens a trace later looks up.
public struct ExportLayout: Sendable {
    public let marks: ExportMarks
    public let fields: [ExportField]

    public init(marks: ExportMarks, fields: [ExportField]) {
        self.marks = marks
        self.fields = fields.sorted()
    }

    public var header: [String] { fields.flatMap(\.columns) }

    /// `people` in the file's keyed order with `decoys` at their keyed rows.
    public func rows(people: [ExportValues], decoys: [ExportDecoy]) -> [ExportValues] {
        var ordered = people.map { (key: marks.orderKey($0.personID ?? PersonID(rawValue: 0)), values: $0) }
            .sorted { $0.key < $1.key }.map(\.values)
        for (row, decoy) in zip(marks.decoyRows(people: people.count, decoys: decoys.count), decoys) {
            ordered.insert(ExportValues(decoy), at: row)
        }
        return ordered
    }

    /// The cells of one row, each value written with this export's choices for it, and the
    /// tokens of the values it carries, by kind: each value normalised and hashed once.
    public func row(_ values: ExportValues) -> (cells: [String], tokens: [(kind: ExportMarks.Kind, token: Int64)]) {
        var cells: [String] = []
        var tokens: [(kind: ExportMarks.Kind, token: Int64)] = []
        func token(_ kind: ExportMarks.Kind, _ normalised: String) -> Int64? {
            guard !normalised.isEmpty else { return nil }
            let token = marks.token(kind, normalised)
            if values.personID != nil { tokens.append((kind, token)) }
            return token
        }
        for field in fields {
            switch field {
            case .name:
                cells += [values.forenames ?? "", values.surname ?? ""]
                if let forenames = values.forenames, let surname = values.surname { _ = token(.name, ExportCells.name(forenames: forenames, surname: surname)) }
            case .address:
                let line = values.address?.lines.joined(separator: ", ") ?? ""
                if let address = token(.address, ExportCells.address(line)) {
                    cells.append(ExportCells.address(line, shortSuffix: marks.choice(.streetSuffix, token: address),
                                                     numberComma: marks.choice(.numberComma, token: address)))
                } else {
                    cells.append(line)
                }
                let postcode = values.address?.postcode ?? ""
                if let code = token(.postcode, ExportCells.postcode(postcode)) {
                    cells.append(ExportCells.postcode(postcode, spaced: marks.choice(.postcodeSpace, token: code)))
                } else {
                    cells.append(postcode)
                }
            case .email:
                cells.append(values.email ?? "")
                _ = values.email.flatMap { token(.email, ExportCells.email($0)) }
            case .phone:
                if let phone = values.phone, let code = token(.phone, phone) {
                    cells.append(ExportCells.phone(phone, spaced: marks.choice(.phoneSpace, token: code)))
                } else {
                    cells.append("")
                }
            case .electorNumber:
                cells.append(values.electorNumber ?? "")
                _ = values.electorNumber.flatMap { token(.electorNumber, ExportCells.identifier($0)) }
            case .membershipNumber:
                cells.append(values.membershipNumber ?? "")
                _ = values.membershipNumber.flatMap { token(.membershipNumber, ExportCells.identifier($0)) }
            case .intention:
                cells.append(values.intention ?? "")
            }
        }
        return (cells, tokens)
    }

    /// The cells of one row (``row(_:)``).
    public func cells(_ values: ExportValues) -> [String] { row(values).cells }

    /// The tokens of one person's values (``row(_:)``); a decoy's are none.
    public func tokens(_ values: ExportValues) -> [(kind: ExportMarks.Kind, token: Int64)] { row(values).tokens }
}
