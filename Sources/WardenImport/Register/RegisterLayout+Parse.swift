public import WardenCore

extension RegisterLayout {
    /// Turns one record into an entry, or lists every problem with it.
    ///
    /// Problems name the column (as the file's header spells it) and what is wrong; they
    /// never repeat the value, because the value is personal data.
    public func entry(from record: CSVRecord, file: String) -> Parsed<RegisterEntry> {
        var reader = FieldReader(record: record, headers: headers, file: file)
        let district = reader.value(pollingDistrict)
        if district.isEmpty { reader.problem(pollingDistrict, "missing") }
        let numberText = reader.value(number)
        let electorNumber = Int(numberText)
        if (electorNumber ?? -1) < 0 { reader.problem(number, numberText.isEmpty ? "missing" : "not a whole number") }

        var suffixNumber = 0
        var nameSuffix = ""
        let suffixText = reader.value(suffix)
        if let suffix, !suffixText.isEmpty {
            if let parsed = Int(suffixText), parsed >= 0 {
                suffixNumber = parsed
            } else if suffixMayBeName {
                nameSuffix = suffixText
            } else {
                reader.problem(suffix, "not a whole number")
            }
        }
        let markers = reader.value(self.markers).uppercased()
        let name = personName(reader, nameSuffix: nameSuffix)
        let entryIsAnonymous = markers.contains("N") || (name.forenames.isEmpty && name.surname.isEmpty)
        if !entryIsAnonymous && name.surname.isEmpty {
            reader.problem(surname ?? fullName ?? pollingDistrict, "missing (only anonymous entries, marker N, have no name)")
        }
        let dateOfBirth = reader.date(dateOfBirth)
        let attainerDate = reader.date(attainerDate)
        let optedOut = reader.flag(optOut)
        guard reader.problems.isEmpty, let electorNumber else { return .problems(reader.problems) }
        let address = Address(lines: self.address.map { reader.value($0) }, postcode: reader.value(postcode))
        return .value(RegisterEntry(
            pollingDistrict: district.uppercased(),
            number: ElectorNumber(prefix: district.uppercased(), number: electorNumber, suffix: suffixNumber),
            markers: markers,
            name: entryIsAnonymous ? .anonymous : name,
            dateOfBirth: entryIsAnonymous ? nil : dateOfBirth,
            attainerDate: attainerDate,
            franchise: reader.value(franchise).isEmpty ? nil : reader.value(franchise),
            optedOut: optedOut,
            address: address))
    }

    private func personName(_ reader: FieldReader, nameSuffix: String) -> PersonName {
        let title = reader.value(title)
        var forenames = reader.value(forenames)
        var surname = reader.value(surname)
        if let fullName, surname.isEmpty {
            (forenames, surname) = Self.split(fullName: reader.value(fullName))
        }
        let initials = reader.value(initials)
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
