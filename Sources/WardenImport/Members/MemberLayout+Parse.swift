public import WardenCore

extension MemberLayout {
    /// Turns one row of a membership export into a record, or lists every problem with it.
    public func record(from row: CSVRecord, file: String) -> Parsed<MembershipRecord> {
        var problems: [ImportProblem] = []
        func value(_ column: Int?) -> String {
            guard let column, column < row.fields.count else { return "" }
            return Normalize.spaces(row.fields[column])
        }
        func problem(_ column: Int, _ text: String) {
            problems.append(ImportProblem(file: file, line: row.line, field: headers[column], problem: text))
        }
        func date(_ column: Int?) -> CalendarDate? {
            guard let column, !value(column).isEmpty else { return nil }
            guard let date = CalendarDate(parsing: value(column)) else {
                problem(column, "not a date (expected DD/MM/YYYY or YYYY-MM-DD)")
                return nil
            }
            return date
        }
        func flag(_ column: Int?) -> Bool {
            guard let column else { return false }
            let text = value(column).uppercased()
            if ["Y", "YES", "1", "TRUE"].contains(text) { return true }
            if !["", "N", "NO", "0", "FALSE"].contains(text) { problem(column, "expected Y or N") }
            return false
        }

        if row.fields.count > headers.count {
            problems.append(ImportProblem(
                file: file, line: row.line, field: "row",
                problem: "\(row.fields.count) fields but the header has \(headers.count) (an unquoted comma?)"))
        }
        let number = value(membershipNumber)
        if number.isEmpty { problem(membershipNumber, "missing") }
        let surnameText = value(surname)
        if surnameText.isEmpty { problem(surname, "missing") }

        var status = MembershipStatus.active
        if let column = self.status, !value(column).isEmpty {
            if let parsed = MembershipStatus(loosely: value(column)) {
                status = parsed
            } else {
                problem(column, "unknown status (expected active, in arrears, lapsed, resigned, expelled or suspended)")
            }
        }

        var contactPoints: [ContactPoint] = []
        let emailConsent = flag(emailConsent)
        let smsConsent = flag(smsConsent)
        let callConsent = flag(callConsent)
        if let column = email, !value(column).isEmpty {
            let address = value(column).lowercased()
            if ContactPoint.isPlausibleEmail(address) {
                contactPoints.append(ContactPoint(
                    kind: .email, value: address, source: .membershipImport, consent: emailConsent ? [.email] : []))
            } else {
                problem(column, "not an email address")
            }
        }
        for column in phones where !value(column).isEmpty {
            guard let phone = ContactPoint.canonicalPhone(value(column)) else {
                problem(column, "not a UK phone number")
                continue
            }
            var consent: Set<ContactPoint.Channel> = callConsent ? [.call] : []
            if smsConsent, phone.hasPrefix("07") { consent.insert(.sms) }
            if !contactPoints.contains(where: { $0.value == phone }) {
                contactPoints.append(ContactPoint(kind: .phone, value: phone, source: .membershipImport, consent: consent))
            }
        }

        var dues: Dues?
        if let column = self.dues, !value(column).isEmpty {
            if let pence = Dues.parsePence(value(column)) {
                var frequency = Dues.Frequency.annual
                if let fColumn = duesFrequency, !value(fColumn).isEmpty {
                    if let parsed = Dues.Frequency(rawValue: value(fColumn).lowercased()) {
                        frequency = parsed
                    } else {
                        problem(fColumn, "expected monthly or annual")
                    }
                }
                dues = Dues(pence: pence, frequency: frequency)
            } else {
                problem(column, "not an amount (expected pounds and pence, like 4.50)")
            }
        }
        let dateOfBirth = date(dateOfBirth)
        let joinedOn = date(joinedOn)
        let statusSince = date(statusSince)
        guard problems.isEmpty else { return .problems(problems) }
        let titleText = value(title)
        return .value(MembershipRecord(
            membershipNumber: number,
            name: PersonName(title: titleText.isEmpty ? nil : titleText, forenames: value(forenames), surname: surnameText),
            dateOfBirth: dateOfBirth,
            address: Address(lines: address.map { value($0) }, postcode: value(postcode)),
            contactPoints: contactPoints, status: status, joinedOn: joinedOn, statusSince: statusSince,
            branch: value(branch).isEmpty ? nil : value(branch), dues: dues))
    }
}

extension ImportFile where Value == MembershipRecord {
    /// A membership export, its columns found by header name or `mapping`.
    public static func members(path: String, displayName: String? = nil, mapping: ColumnMapping? = nil) throws(WardenError) -> ImportFile {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: displayName) } catch { throw .invalidRequest(error.description) }
        let name = reader.fileName
        return try ImportFile(reader: reader) { (header: [String]) throws(WardenError) in
            let layout = try MemberLayout.detect(header: header, mapping: mapping, file: name)
            return ("membership export", { layout.record(from: $0, file: name) })
        }
    }
}
