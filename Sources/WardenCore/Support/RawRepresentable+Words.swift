/// A value's name in words, for pages and messages: `campaign_planning` → "campaign planning".
/// One rule for every enumeration whose raw values are snake_case words; a type whose words
/// differ (a report's headings, a lifecycle's steps) says so with its own `words`.
extension RawRepresentable where RawValue == String {
    public var words: String { String(rawValue.map { $0 == "_" ? " " : $0 }) }
}
