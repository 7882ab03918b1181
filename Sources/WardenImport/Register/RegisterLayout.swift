public import WardenCore

/// Where each register field sits in one file, found from its header.
///
/// Warden recognises the England & Wales EMS export and the Scottish layout by their
/// headers; anything else needs a ``ColumnMapping``. Every later step sees only
/// ``RegisterEntry`` values, so a change of layout between two years' registers cannot
/// lose anyone's history.
public struct RegisterLayout: Sendable {
    public var name: String
    var headers: [String]
    var pollingDistrict: Int
    var number: Int
    var suffix: Int?
    var markers: Int?
    var dateOfBirth: Int?
    var title: Int?
    var forenames: Int?
    var initials: Int?
    var surname: Int?
    var fullName: Int?
    var attainerDate: Int?
    var franchise: Int?
    var optOut: Int?
    var address: [Int]
    var postcode: Int?
    /// Scottish `Suffix` is an elector number suffix when numeric and a name suffix otherwise.
    var suffixMayBeName = false

    /// The marker of an anonymous entry: no name, never matched by name. Where a layout has
    /// a markers column, this marker is the only way an entry may lack a name and an address.
    static let anonymousMarker = "N"
    /// The marker of an overseas elector, who has a name but no address in the UK.
    static let overseasMarker = "F"

    /// Picks the layout for a file from its header, or from `mapping` when one is given.
    public static func detect(header: [String], mapping: ColumnMapping?, file: String) throws(WardenError) -> RegisterLayout {
        let index = HeaderIndex(header)
        if let mapping { return try mapped(mapping, index, file: file) }
        if let ems = ems(index) { return ems }
        if let scottish = scottish(index) { return scottish }
        throw .invalidRequest(
            "\(file):1: header: not a register layout Warden knows (EMS needs Elector Number Prefix and Elector Number; "
                + "the Scottish layout needs PD and ENO); pass a column-mapping file with --mapping")
    }

    /// The England & Wales EMS export.
    static func ems(_ h: HeaderIndex) -> RegisterLayout? {
        guard let prefix = h.column("Elector Number Prefix"), let number = h.column("Elector Number") else { return nil }
        return RegisterLayout(
            name: "EMS", headers: h.headers, pollingDistrict: prefix, number: number,
            suffix: h.column("Elector Number Suffix"), markers: h.column("Elector Markers"),
            dateOfBirth: h.column("Elector DOB", "Elector Date of Birth"), title: h.column("Elector Title"),
            forenames: h.column("Elector Forename", "Elector Forenames"), initials: h.column("Elector Middlename", "Elector Initials"),
            surname: h.column("Elector Surname"), fullName: h.column("Elector Name"),
            attainerDate: h.column("Elector Attainer Date", "Date of Attainment"), franchise: h.column("Franchise Flag"),
            optOut: h.column("Opt Out", "Elector Opt Out"), address: h.numberedColumns(["Address"], limit: 9),
            postcode: h.column("PostCode", "Post Code"))
    }

    /// The Scottish layout.
    static func scottish(_ h: HeaderIndex) -> RegisterLayout? {
        guard let pd = h.column("PD"), let number = h.column("ENO") else { return nil }
        return RegisterLayout(
            name: "Scottish", headers: h.headers, pollingDistrict: pd, number: number,
            suffix: h.column("Suffix"), markers: h.column("Markers", "Elector Markers"),
            dateOfBirth: h.column("DOB", "Date of Birth"), title: h.column("Title"),
            forenames: h.column("First Names"), initials: h.column("Initials"), surname: h.column("Surname"),
            fullName: nil, attainerDate: h.column("Date of Attainment"), franchise: h.column("Franchise Flag"),
            optOut: h.column("Opt Out"), address: h.numberedColumns(["Address"], limit: 9),
            postcode: h.column("Postcode"), suffixMayBeName: true)
    }

    /// A layout described by a column-mapping file.
    static func mapped(_ m: ColumnMapping, _ h: HeaderIndex, file: String) throws(WardenError) -> RegisterLayout {
        func one(_ field: String) throws(WardenError) -> Int? { try m.positions(of: field, in: h, file: file)?.first }
        guard let pd = try one("pollingDistrict"), let number = try one("electorNumber") else {
            throw .invalidRequest("\(file): the column mapping must name pollingDistrict and electorNumber")
        }
        return RegisterLayout(
            name: m.layout ?? "mapped", headers: h.headers, pollingDistrict: pd, number: number,
            suffix: try one("electorNumberSuffix"), markers: try one("markers"), dateOfBirth: try one("dateOfBirth"),
            title: try one("title"), forenames: try one("forenames"), initials: nil, surname: try one("surname"),
            fullName: try one("fullName"), attainerDate: try one("attainerDate"), franchise: try one("franchise"),
            optOut: try one("optOut"), address: try m.positions(of: "address", in: h, file: file) ?? [],
            postcode: try one("postcode"))
    }
}
