public import WardenCore

/// Where each payment field sits in a payments report, found by header name.
///
/// Direct Debit bureaux and card processors name their columns their own way; the usual
/// spellings are recognised, and a ``ColumnMapping`` covers the rest with these fields:
/// `membershipNumber`, `paidOn`, `amount`, `reference` and `outcome` (optional: every line
/// counts as collected without it).
public struct PaymentLayout: Sendable {
    var headers: [String]
    var membershipNumber: Int
    var paidOn: Int
    var amount: Int
    var reference: Int
    var outcome: Int?

    static let synonyms: [String: [String]] = [
        "membershipNumber": ["Membership Number", "Membership No", "Member Number", "Member No", "Member ID",
                             "Payer Reference", "Customer Reference", "Mandate Reference"],
        "paidOn": ["Date", "Payment Date", "Paid On", "Charge Date", "Collection Date", "Transaction Date"],
        "amount": ["Amount", "Amount Paid", "Paid", "Value", "Gross"],
        "reference": ["Transaction ID", "Transaction Reference", "Payment ID", "Payment Reference", "Reference", "ID"],
        "outcome": ["Status", "Outcome", "Result", "Payment Status"],
    ]

    /// Finds the columns of a payments report from its header, or from `mapping`.
    public static func detect(header: [String], mapping: ColumnMapping?, file: String) throws(WardenError) -> PaymentLayout {
        let h = HeaderIndex(header)
        func find(_ field: String) throws(WardenError) -> Int? {
            if let mapped = try mapping?.positions(of: field, in: h, file: file) { return mapped.first }
            return h.column(synonyms[field] ?? [])
        }
        func require(_ field: String, _ expected: String) throws(WardenError) -> Int {
            guard let column = try find(field) else {
                throw .invalidRequest("\(file):1: header: no \(expected) column (expected \"\(synonyms[field]?.first ?? field)\" or a column mapping)")
            }
            return column
        }
        return PaymentLayout(
            headers: header, membershipNumber: try require("membershipNumber", "membership number"),
            paidOn: try require("paidOn", "payment date"), amount: try require("amount", "amount"),
            reference: try require("reference", "transaction reference"), outcome: try find("outcome"))
    }

    /// Turns one row of a payments report into a payment, or lists every problem with it.
    /// Problems name the column and never repeat the value.
    public func payment(from row: CSVRecord, file: String) -> Parsed<Payment> {
        var reader = FieldReader(record: row, headers: headers, file: file)
        guard reader.isWhole else { return .problems(reader.problems) }
        let number = reader.text(membershipNumber, limit: ImportLimits.membershipNumber)
        if number.isEmpty { reader.problem(membershipNumber, "missing") }
        let reference = reader.text(self.reference, limit: ImportLimits.paymentReference)
        if reference.isEmpty { reader.problem(self.reference, "missing") }
        let paidOn = reader.date(self.paidOn)
        if paidOn == nil, !reader.hasProblem(in: self.paidOn) { reader.problem(self.paidOn, "missing") }
        let pence = Dues.parsePence(reader.value(amount))
        if pence == nil { reader.problem(amount, "not an amount (expected pounds and pence, like 4.50)") }
        var outcome = Payment.Outcome.collected
        if let column = self.outcome {
            if let parsed = Payment.Outcome(loosely: reader.value(column)) {
                outcome = parsed
            } else {
                reader.problem(column, "unknown outcome (expected paid or collected, or failed, unpaid or returned)")
            }
        }
        guard reader.problems.isEmpty, let paidOn, let pence else { return .problems(reader.problems) }
        return .value(Payment(membershipNumber: number, paidOn: paidOn, pence: pence, reference: reference, outcome: outcome))
    }
}

extension ImportFile where Value == Payment {
    /// A payments report on disk, its columns found by header name or `mapping`.
    public static func payments(path: String, displayName: String? = nil, mapping: ColumnMapping? = nil) throws(WardenError) -> ImportFile {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: displayName) } catch { throw .invalidRequest(error.description) }
        return try payments(reader, mapping: mapping)
    }

    /// A payments report already read (an upload), its columns found by header name or `mapping`.
    public static func payments(_ reader: CSVReader, mapping: ColumnMapping?) throws(WardenError) -> ImportFile {
        let name = reader.fileName
        return try ImportFile(reader: reader) { (header: [String]) throws(WardenError) in
            let layout = try PaymentLayout.detect(header: header, mapping: mapping, file: name)
            return ("payments report", { layout.payment(from: $0, file: name) })
        }
    }
}
