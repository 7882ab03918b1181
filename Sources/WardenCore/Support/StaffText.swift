import Foundation

/// Text staff type into a record (a reason, an incident's title, a phase of a report): the one
/// rule for all of them. Trimmed of surrounding space, it must say something and stay within
/// its limit; the error names the field, never the text.
public enum StaffText {
    public static func checked(_ text: String, field: String, limit: Int, whenEmpty: String = "required") throws(WardenError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidRequest("\(field): \(whenEmpty)") }
        guard trimmed.count <= limit else { throw .invalidRequest("\(field): at most \(limit) characters") }
        return trimmed
    }
}
