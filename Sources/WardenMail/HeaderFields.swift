/// Fields in the syntax of RFC 5322 §2.2 — a message's or MIME part's header, or one group of a
/// delivery-status or feedback report — unfolded and looked up without regard to case.
///
/// Reading inbound reports must not fail on the small sins of real MTAs, so a line that is
/// neither a field nor a continuation is skipped rather than refused.
struct HeaderFields: Sendable, Hashable {
    struct Field: Sendable, Hashable {
        /// The name, lower-cased.
        var name: String
        /// The unfolded value, trimmed.
        var value: String
    }

    private(set) var fields: [Field] = []

    /// Reads `lines` (without line breaks) as fields; a line starting with a space or tab
    /// continues the previous field (RFC 5322 §2.2.3).
    init(lines: some Sequence<Substring>) {
        for line in lines {
            if let first = line.first, first == " " || first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].value += line }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingWhitespace()
            guard !name.isEmpty, !name.contains(" ") else { continue }
            fields.append(Field(name: name.lowercased(), value: String(line[line.index(after: colon)...])))
        }
        for index in fields.indices {
            fields[index].value = String(fields[index].value[...].trimmingWhitespace())
        }
    }

    /// The value of the first field called `name`.
    func first(_ name: String) -> String? {
        let name = name.lowercased()
        return fields.first { $0.name == name }?.value
    }

    /// The values of every field called `name`, in order.
    func all(_ name: String) -> [String] {
        let name = name.lowercased()
        return fields.filter { $0.name == name }.map(\.value)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> Substring {
        let isWhitespace = { (character: Character) in character == " " || character == "\t" }
        guard let start = firstIndex(where: { !isWhitespace($0) }) else { return self[endIndex...] }
        let end = lastIndex(where: { !isWhitespace($0) })!
        return self[start...end]
    }
}
