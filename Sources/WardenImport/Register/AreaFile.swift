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
                func value(_ column: Int?) -> String {
                    guard let column, column < record.fields.count else { return "" }
                    return Normalize.spaces(record.fields[column])
                }
                var problems: [ImportProblem] = []
                let parsedLevel = AreaLevel(rawValue: value(level).lowercased().replacingOccurrences(of: " ", with: "_"))
                if parsedLevel == nil {
                    problems.append(ImportProblem(file: file, line: record.line, field: header[level],
                                                  problem: "expected nation, region, constituency, ward or polling_district"))
                }
                if value(code).isEmpty { problems.append(ImportProblem(file: file, line: record.line, field: header[code], problem: "missing")) }
                if value(name).isEmpty { problems.append(ImportProblem(file: file, line: record.line, field: header[name], problem: "missing")) }
                if let parsedLevel, parsedLevel != .nation, value(parent).isEmpty {
                    problems.append(ImportProblem(file: file, line: record.line, field: parent.map { header[$0] } ?? "parent",
                                                  problem: "missing (every area but a nation has a parent)"))
                }
                guard problems.isEmpty, let parsedLevel else { return .problems(problems) }
                let code = parsedLevel == .pollingDistrict ? value(code).uppercased() : value(code)
                return .value(AreaDefinition(level: parsedLevel, code: code, name: value(name),
                                             parentCode: value(parent).isEmpty ? nil : value(parent)))
            })
        }
    }
}
