public import WardenCore

extension MemberLayout {
    /// Turns one row of a membership export into a record, or lists every problem with it.
    ///
    /// Problems name the column and never repeat the value; a row with the wrong number of
    /// fields is reported as that alone, since its values sit under the wrong columns.
    public func record(from row: CSVRecord, file: String) -> Parsed<MembershipRecord> {
        var reader = FieldReader(record: row, headers: headers, file: file)
        guard reader.isWhole else { return .problems(reader.problems) }
        let number = reader.text(membershipNumber, limit: ImportLimits.membershipNumber)
        if number.isEmpty { reader.problem(membershipNumber, "missing") }
        let surnameText = reader.text(surname, limit: ImportLimits.name)
        if surnameText.isEmpty { reader.problem(surname, "missing") }
        let titleText = reader.text(title, limit: ImportLimits.title)
        let forenamesText = reader.text(forenames, limit: ImportLimits.name)
        let address = Address(lines: self.address.map { reader.text($0, limit: ImportLimits.addressLine) },
                              postcode: reader.text(postcode, limit: ImportLimits.postcode))
        let branch = reader.text(branch, limit: ImportLimits.areaName)

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
        if let column = email {
            let email = reader.text(column, limit: ImportLimits.email).lowercased()
            if !email.isEmpty, !reader.hasProblem(in: column) {
                if ContactPoint.isPlausibleEmail(email) {
                    contactPoints.append(ContactPoint(
                        kind: .email, value: email, source: .membershipImport, consent: emailConsent ? [.email] : []))
                } else {
                    reader.problem(column, "not an email address")
                }
            }
        }
        for column in phones {
            let text = reader.text(column, limit: ImportLimits.phone)
            guard !text.isEmpty, !reader.hasProblem(in: column) else { continue }
            guard let phone = ContactPoint.canonicalPhone(text) else {
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
        return .value(MembershipRecord(
            membershipNumber: number,
            name: PersonName(title: titleText.isEmpty ? nil : titleText, forenames: forenamesText, surname: surnameText),
            dateOfBirth: dateOfBirth,
            address: address,
            contactPoints: contactPoints, status: status, joinedOn: joinedOn, statusSince: statusSince,
            branch: branch.isEmpty ? nil : branch, dues: dues))
    }
}

extension ImportFile where Value == MembershipRecord {
    /// A membership export on disk, its columns found by header name or `mapping`.
    public static func members(path: String, displayName: String? = nil, mapping: ColumnMapping? = nil) throws(WardenError) -> ImportFile {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: displayName) } catch { throw .invalidRequest(error.description) }
        return try members(reader, mapping: mapping)
    }

    /// A membership export already read (an upload), its columns found by header name or `mapping`.
    public static func members(_ reader: CSVReader, mapping: ColumnMapping?) throws(WardenError) -> ImportFile {
        let name = reader.fileName
        return try ImportFile(reader: reader) { (header: [String]) throws(WardenError) in
            let layout = try MemberLayout.detect(header: header, mapping: mapping, file: name)
            return ("membership export", { layout.record(from: $0, file: name) })
        }
    }
}
