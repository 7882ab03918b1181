/// How long each imported field, and each record of a CSV file, may be: every limit in one place.
///
/// Councils' and parties' exports come from systems Warden does not control. A field a
/// megabyte long is never a name; it is a broken export or an attack, and storing it would
/// burden every page, log entry and backup that shows the person. Text limits count Unicode
/// scalars (not grapheme clusters), so a name cannot hide thousands of combining marks behind
/// one visible letter. The CSV limits count bytes and bound the reader's memory on any input,
/// such as a quote that is never closed in a 200 MB file.
public enum ImportLimits {
    /// A forename, surname, initials or a name suffix.
    public static let name = 100
    /// A register's single name column (`"Surname, Forenames"`): two names and a separator.
    public static let fullName = 2 * name + 2
    public static let title = 32
    public static let addressLine = 200
    public static let postcode = 10
    public static let email = 254
    public static let phone = 32
    public static let membershipNumber = 32
    /// A payment processor's transaction identifier.
    public static let paymentReference = 64
    /// A polling district or area code, and the parent code in an areas file.
    public static let areaCode = 32
    /// An area's name, or a branch named by its ward's name.
    public static let areaName = 200
    /// Register markers and the Scottish franchise flag: a few letters each.
    public static let markers = 32
    /// A column's name in a file's header (it is shown in every problem on that column).
    public static let headerName = 100

    /// Bytes in one CSV field: far above any real field, far below a runaway quote.
    public static let csvFieldBytes = 64 * 1024
    /// Bytes in one CSV record, separators included.
    public static let csvRecordBytes = 1024 * 1024
    /// Fields in one CSV record (registers have a few dozen columns at most).
    public static let csvFields = 1_024
    /// Lines with problems before a file is given up on: enough to see what is wrong with it,
    /// while the list of problems stays small whatever the file's size.
    public static let problemLines = 1_000
}
