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

    /// The cells of one row, each value written with this export's choices for it.
    public func cells(_ values: ExportValues) -> [String] {
        var cells: [String] = []
        for field in fields {
            switch field {
            case .name:
                cells += [values.forenames ?? "", values.surname ?? ""]
            case .address:
                let line = values.address?.lines.joined(separator: ", ") ?? ""
                let token = marks.token(.address, ExportCells.address(line))
                cells.append(line.isEmpty ? "" : ExportCells.address(line, shortSuffix: marks.choice(.streetSuffix, token: token),
                                                                       numberComma: marks.choice(.numberComma, token: token)))
                let postcode = values.address?.postcode ?? ""
                cells.append(postcode.isEmpty ? "" : ExportCells.postcode(
                    postcode, spaced: marks.choice(.postcodeSpace, token: marks.token(.postcode, ExportCells.postcode(postcode)))))
            case .email:
                cells.append(values.email ?? "")
            case .phone:
                cells.append(values.phone.map { ExportCells.phone($0, spaced: marks.choice(.phoneSpace, token: marks.token(.phone, $0))) } ?? "")
            case .electorNumber:
                cells.append(values.electorNumber ?? "")
            case .membershipNumber:
                cells.append(values.membershipNumber ?? "")
            case .intention:
                cells.append(values.intention ?? "")
            }
        }
        return cells
    }

    /// The tokens of one row's values that this export carries, by kind.
    public func tokens(_ values: ExportValues) -> [(kind: ExportMarks.Kind, token: Int64)] {
        var out: [(ExportMarks.Kind, String)] = []
        for field in fields {
            switch field {
            case .name:
                if let forenames = values.forenames, let surname = values.surname { out.append((.name, ExportCells.name(forenames: forenames, surname: surname))) }
            case .address:
                if let address = values.address {
                    out.append((.address, ExportCells.address(address.lines.joined(separator: ", "))))
                    out.append((.postcode, ExportCells.postcode(address.postcode)))
                }
            case .email: if let email = values.email { out.append((.email, ExportCells.email(email))) }
            case .phone: if let phone = values.phone { out.append((.phone, phone)) }
            case .electorNumber: if let number = values.electorNumber { out.append((.electorNumber, ExportCells.identifier(number))) }
            case .membershipNumber: if let number = values.membershipNumber { out.append((.membershipNumber, ExportCells.identifier(number))) }
            case .intention: break
            }
        }
        return out.filter { !$0.1.isEmpty }.map { (kind: $0.0, token: marks.token($0.0, $0.1)) }
    }
}
