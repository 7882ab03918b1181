import Foundation
public import WardenCore

extension ImportFile where Value == AreaDefinition {
    /// An areas file: a header `level,code,name,parent` and one area a line, parents first
    /// or not (they are sorted by level on saving). `level` is one of nation, region,
    /// constituency, ward, polling_district; `parent` is the parent area's code.
    public static func areas(path: String) throws(WardenError) -> ImportFile {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw .invalidRequest(error.description) }
        let file = reader.fileName
        return try ImportFile(reader: reader) { (header: [String]) throws(WardenError) in
            let h = HeaderIndex(header)
            guard let level = h.column("level"), let code = h.column("code"), let name = h.column("name") else {
                throw .invalidRequest("\(file):1: header: an areas file needs level, code, name and parent columns")
            }
            let parent = h.column("parent", "parent code")
            return ("areas", { record in
                area(from: record, header: header, file: file, level: level, code: code, name: name, parent: parent)
            })
        }
    }

    /// One area from one row, or every problem with the row (never its values).
    static func area(
        from record: CSVRecord, header: [String], file: String, level: Int, code: Int, name: Int, parent: Int?
    ) -> Parsed<AreaDefinition> {
        var reader = FieldReader(record: record, headers: header, file: file)
        guard reader.isWhole else { return .problems(reader.problems) }
        let parsedLevel = AreaLevel(rawValue: reader.value(level).lowercased().replacingOccurrences(of: " ", with: "_"))
        if parsedLevel == nil {
            reader.problem(level, "expected nation, region, constituency, ward or polling_district")
        }
        let codeText = reader.text(code, limit: ImportLimits.areaCode)
        if codeText.isEmpty { reader.problem(code, "missing") }
        let nameText = reader.text(name, limit: ImportLimits.areaName)
        if nameText.isEmpty { reader.problem(name, "missing") }
        let parentText = reader.text(parent, limit: ImportLimits.areaCode)
        if let parsedLevel, parsedLevel != .nation, parentText.isEmpty {
            let text = "missing (every area but a nation has a parent)"
            if let parent { reader.problem(parent, text) } else { reader.problem(field: "parent", text) }
        }
        guard reader.problems.isEmpty, let parsedLevel else { return .problems(reader.problems) }
        return .value(AreaDefinition(
            level: parsedLevel, code: parsedLevel == .pollingDistrict ? codeText.uppercased() : codeText, name: nameText,
            parentCode: parentText.isEmpty ? nil : parentText))
    }
}
