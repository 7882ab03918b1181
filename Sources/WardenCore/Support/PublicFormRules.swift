import Foundation

/// The checks every public form (volunteering, an event's RSVP) makes of a name and an email
/// address, each problem naming the field and never repeating what was typed.
public enum PublicFormRules {
    /// The longest name part a form takes.
    public static let nameLimit = 100

    /// Problems with one part of a name: empty, too long, or more than one line.
    public static func problems(name value: String, field: String) -> [String] {
        var problems: [String] = []
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { problems.append("\(field): empty") }
        if trimmed.count > nameLimit { problems.append("\(field): longer than \(nameLimit) characters") }
        if value.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } == true }) { problems.append("\(field): one line only") }
        return problems
    }

    /// Problems with an email address: one that could not be delivered to.
    public static func problems(email: String, field: String = "email") -> [String] {
        !ContactPoint.isPlausibleEmail(email) || email.count > 254 || email.contains(where: \.isWhitespace) ? ["\(field): not an email address"] : []
    }
}
