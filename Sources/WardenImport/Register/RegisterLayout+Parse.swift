public import WardenCore

extension RegisterLayout {
    /// Turns one record into an entry, or lists every problem with it.
    ///
    /// Problems name the column (as the file's header spells it) and what is wrong; they
    /// never repeat the value, because the value is personal data.
    public func entry(from record: CSVRecord, file: String) -> Parsed<RegisterEntry> {
        var problems: [ImportProblem] = []
        func value(_ column: Int?) -> String {
            guard let column, column < record.fields.count else { return "" }
            return Normalize.spaces(record.fields[column])
        }
        func problem(_ column: Int, _ text: String) {
            problems.append(ImportProblem(file: file, line: record.line, field: headers[column], problem: text))
        }
        func date(_ column: Int?) -> CalendarDate? {
            let text = value(column)
            guard let column, !text.isEmpty else { return nil }
            guard let date = CalendarDate(parsing: text) else {
                problem(column, "not a date (expected DD/MM/YYYY or YYYY-MM-DD)")
                return nil
            }
            return date
        }

        if record.fields.count > headers.count {
            problems.append(ImportProblem(
                file: file, line: record.line, field: "row",
                problem: "\(record.fields.count) fields but the header has \(headers.count) (an unquoted comma?)"))
        }
        let district = value(pollingDistrict)
        if district.isEmpty { problem(pollingDistrict, "missing") }
        let numberText = value(number)
        let electorNumber = Int(numberText)
        if (electorNumber ?? -1) < 0 { problem(number, numberText.isEmpty ? "missing" : "not a whole number") }

        var suffixNumber = 0
        var nameSuffix = ""
        let suffixText = value(suffix)
        if let suffix, !suffixText.isEmpty {
            if let parsed = Int(suffixText), parsed >= 0 {
                suffixNumber = parsed
            } else if suffixMayBeName {
                nameSuffix = suffixText
            } else {
                problem(suffix, "not a whole number")
            }
        }
        let markers = value(self.markers).uppercased()
        let name = personName(value: value, nameSuffix: nameSuffix)
        let entryIsAnonymous = markers.contains("N") || (name.forenames.isEmpty && name.surname.isEmpty)
        if !entryIsAnonymous && name.surname.isEmpty {
            problems.append(ImportProblem(
                file: file, line: record.line, field: headers[surname ?? fullName ?? pollingDistrict],
                problem: "missing (only anonymous entries, marker N, have no name)"))
        }
        let dateOfBirth = date(dateOfBirth)
        let attainerDate = date(attainerDate)
        let optOutText = value(optOut).uppercased()
        if let optOut, !["", "Y", "N", "YES", "NO", "1", "0", "TRUE", "FALSE"].contains(optOutText) {
            problem(optOut, "expected Y or N")
        }
        guard problems.isEmpty, let electorNumber else { return .problems(problems) }
        let address = Address(lines: self.address.map { value($0) }, postcode: value(postcode))
        return .value(RegisterEntry(
            pollingDistrict: district.uppercased(),
            number: ElectorNumber(prefix: district.uppercased(), number: electorNumber, suffix: suffixNumber),
            markers: markers,
            name: entryIsAnonymous ? .anonymous : name,
            dateOfBirth: entryIsAnonymous ? nil : dateOfBirth,
            attainerDate: attainerDate,
            franchise: value(franchise).isEmpty ? nil : value(franchise),
            optedOut: ["Y", "YES", "1", "TRUE"].contains(optOutText),
            address: address))
    }

    private func personName(value: (Int?) -> String, nameSuffix: String) -> PersonName {
        let title = value(title)
        var forenames = value(forenames)
        var surname = value(surname)
        if let fullName, surname.isEmpty {
            (forenames, surname) = Self.split(fullName: value(fullName))
        }
        let initials = value(initials)
        if forenames.isEmpty, !initials.isEmpty { forenames = initials }
        if !nameSuffix.isEmpty { surname += " " + nameSuffix }
        return PersonName(title: title.isEmpty ? nil : title, forenames: forenames, surname: surname)
    }

    /// `"Smith, John A"` → (`"John A"`, `"Smith"`); `"John A Smith"` → (`"John A"`, `"Smith"`).
    static func split(fullName: String) -> (forenames: String, surname: String) {
        if let comma = fullName.firstIndex(of: ",") {
            return (Normalize.spaces(fullName[fullName.index(after: comma)...]), Normalize.spaces(fullName[..<comma]))
        }
        let words = fullName.split(separator: " ")
        guard let last = words.last else { return ("", "") }
        return (words.dropLast().joined(separator: " "), String(last))
    }
}
