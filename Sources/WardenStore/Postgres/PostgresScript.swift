import Foundation

/// Splits SQL scripts into statements for PostgreSQL's extended protocol, which takes one at
/// a time.
enum PostgresScript {
    /// The statements of `script`, split at semicolons outside quoted text and outside
    /// dollar-quoted function bodies (`$$ … $$`), trimmed, empty ones left out.
    static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inQuote = false
        var inDollar = false
        var previous: Character?
        for character in script {
            if character == "'" && !inDollar {
                inQuote.toggle()
            } else if character == "$" && previous == "$" && !inQuote {
                inDollar.toggle()
            }
            if character == ";" && !inQuote && !inDollar {
                statements.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character == "$" && previous == "$" ? nil : character
        }
        statements.append(current)
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
