public import WardenCore

extension MemberLayout {
    /// Turns one row of a membership export into a record, or lists every problem with it.
    public func record(from row: CSVRecord, file: String) -> Parsed<MembershipRecord> {
        var reader = FieldReader(record: row, headers: headers, file: file)
        let number = reader.value(membershipNumber)
        if number.isEmpty { reader.problem(membershipNumber, "missing") }
        let surnameText = reader.value(surname)
        if surnameText.isEmpty { reader.problem(surname, "missing") }

        var status = MembershipStatus.active
        if let column = self.status, !reader.value(column).isEmpty {
            if let parsed = MembershipStatus(loosely: reader.value(column)) {
                status = parsed
            } else {
                reader.problem(column, "unknown status (expected active, in arrears, lapsed, resigned, expelled or suspended)")
            }
        }

        var contactPoints: [ContactPoint] = []
        let emailConsent = reader.flag(emailConsent)
        let smsConsent = reader.flag(smsConsent)
        let callConsent = reader.flag(callConsent)
        if let column = email, !reader.value(column).isEmpty {
            let address = reader.value(column).lowercased()
            if ContactPoint.isPlausibleEmail(address) {
                contactPoints.append(ContactPoint(
                    kind: .email, value: address, source: .membershipImport, consent: emailConsent ? [.email] : []))
            } else {
                reader.problem(column, "not an email address")
            }
        }
        for column in phones where !reader.value(column).isEmpty {
            guard let phone = ContactPoint.canonicalPhone(reader.value(column)) else {
                reader.problem(column, "not a UK phone number")
                continue
            }
            var consent: Set<ContactPoint.Channel> = callConsent ? [.call] : []
            if smsConsent, phone.hasPrefix("07") { consent.insert(.sms) }
            if !contactPoints.contains(where: { $0.value == phone }) {
                contactPoints.append(ContactPoint(kind: .phone, value: phone, source: .membershipImport, consent: consent))
            }
        }

        var dues: Dues?
        if let column = self.dues, !reader.value(column).isEmpty {
            if let pence = Dues.parsePence(reader.value(column)) {
                var frequency = Dues.Frequency.annual
                if let fColumn = duesFrequency, !reader.value(fColumn).isEmpty {
                    if let parsed = Dues.Frequency(rawValue: reader.value(fColumn).lowercased()) {
                        frequency = parsed
                    } else {
                        reader.problem(fColumn, "expected monthly or annual")
                    }
                }
                dues = Dues(pence: pence, frequency: frequency)
            } else {
                reader.problem(column, "not an amount (expected pounds and pence, like 4.50)")
            }
        }
        let dateOfBirth = reader.date(dateOfBirth)
        let joinedOn = reader.date(joinedOn)
        let statusSince = reader.date(statusSince)
        guard reader.problems.isEmpty else { return .problems(reader.problems) }
        let titleText = reader.value(title)
        return .value(MembershipRecord(
            membershipNumber: number,
            name: PersonName(title: titleText.isEmpty ? nil : titleText, forenames: reader.value(forenames), surname: surnameText),
            dateOfBirth: dateOfBirth,
            address: Address(lines: address.map { reader.value($0) }, postcode: reader.value(postcode)),
            contactPoints: contactPoints, status: status, joinedOn: joinedOn, statusSince: statusSince,
            branch: reader.value(branch).isEmpty ? nil : reader.value(branch), dues: dues))
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
