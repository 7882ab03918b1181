public import WardenCore

extension RegisterLayout {
    /// Turns one record into an entry, or lists every problem with it.
    ///
    /// Problems name the column (as the file's header spells it) and what is wrong; they
    /// never repeat the value, because the value is personal data. A row with the wrong
    /// number of fields is reported as that alone: its values sit under the wrong columns.
    public func entry(from record: CSVRecord, file: String) -> Parsed<RegisterEntry> {
        var reader = FieldReader(record: record, headers: headers, file: file)
        guard reader.isWhole else { return .problems(reader.problems) }
        let district = reader.text(pollingDistrict, limit: ImportLimits.areaCode)
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
                nameSuffix = reader.text(suffix, limit: ImportLimits.name)
            } else {
                reader.problem(suffix, "not a whole number")
            }
        }
        let markers = reader.text(self.markers, limit: ImportLimits.markers).uppercased()
        let name = personName(&reader, nameSuffix: nameSuffix)
        let address = Address(lines: self.address.map { reader.text($0, limit: ImportLimits.addressLine) },
                              postcode: reader.text(postcode, limit: ImportLimits.postcode))
        let entryIsAnonymous = isAnonymous(markers: markers, name: name, address: address)
        if !entryIsAnonymous {
            requireNameAndAddress(&reader, name: name, address: address, markers: markers)
        }
        let dateOfBirth = reader.date(dateOfBirth)
        let attainerDate = reader.date(attainerDate)
        let optedOut = reader.flag(optOut)
        let franchise = reader.text(franchise, limit: ImportLimits.markers)
        guard reader.problems.isEmpty, let electorNumber else { return .problems(reader.problems) }
        return .value(RegisterEntry(
            pollingDistrict: district.uppercased(),
            number: ElectorNumber(prefix: district.uppercased(), number: electorNumber, suffix: suffixNumber),
            markers: markers,
            name: entryIsAnonymous ? .anonymous : name,
            dateOfBirth: entryIsAnonymous ? nil : dateOfBirth,
            attainerDate: attainerDate,
            franchise: franchise.isEmpty ? nil : franchise,
            optedOut: optedOut,
            address: address))
    }

    /// Whether an entry is anonymous. Where the layout has a markers column, only marker `N`
    /// says so: a row that lost its name and address to a broken export must not pass for an
    /// anonymous elector. A layout without one (the Scottish layout) can show an anonymous
    /// entry only as a number with neither name nor address.
    func isAnonymous(markers: String, name: PersonName, address: Address) -> Bool {
        if self.markers != nil { return markers.contains(Self.anonymousMarker) }
        return name.forenames.isEmpty && name.surname.isEmpty && address.isEmpty
    }

    /// An elector who is not anonymous has a surname, and an address unless they are an
    /// overseas elector (marker `F`) or the layout has no address columns at all.
    private func requireNameAndAddress(_ reader: inout FieldReader, name: PersonName, address: Address, markers: String) {
        if name.surname.isEmpty {
            let text = "missing (only anonymous entries, marker N, have no name)"
            if let column = surname ?? fullName { reader.problem(column, text) } else { reader.problem(field: "surname", text) }
        }
        if let first = self.address.first, address.lines.isEmpty, !markers.contains(Self.overseasMarker) {
            reader.problem(first, "missing (only anonymous entries, marker N, and overseas electors, marker F, have no address)")
        }
    }

    private func personName(_ reader: inout FieldReader, nameSuffix: String) -> PersonName {
        let title = reader.text(title, limit: ImportLimits.title)
        var forenames = reader.text(forenames, limit: ImportLimits.name)
        var surname = reader.text(surname, limit: ImportLimits.name)
        if let fullName, surname.isEmpty {
            (forenames, surname) = Self.split(fullName: reader.text(fullName, limit: ImportLimits.fullName))
        }
        let initials = reader.text(initials, limit: ImportLimits.name)
        if forenames.isEmpty, !initials.isEmpty { forenames = initials }
        if !nameSuffix.isEmpty, !surname.isEmpty { surname += " " + nameSuffix }
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
