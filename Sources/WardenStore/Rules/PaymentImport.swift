import WardenCore

/// One payments report in one write transaction: each line recorded against its member (once
/// per report reference), the dues it collected extending how far they are paid, then the
/// party's dues rules applied (``DuesSweep``) and one audit entry for the report.
///
/// All or nothing: a line naming no member fails the whole report, and so does any problem
/// the file already had; a dry run reports and keeps nothing. Both end by throwing
/// ``UnwrittenImport``, so the transaction rolls back.
struct PaymentImport<Ledger: WriteLedger> {
    let ledger: Ledger
    let request: PaymentImportRequest

    func run() throws -> ImportReport {
        try ledger.checkStanding(request.standing)
        var report = ImportReport(starting: request.options)
        var people: [PersonID] = []
        for line in request.lines {
            report.rows += 1
            let payment: Payment
            switch line.result {
            case .problems(let problems):
                report.problems += problems
                continue
            case .value(let value):
                payment = value
            }
            guard let member = try ledger.memberToPay(numbered: payment.membershipNumber) else {
                report.problems.append(ImportProblem(file: request.options.file, line: line.line, field: "membership number",
                                                     problem: "no member has this number"))
                continue
            }
            guard try !ledger.paymentRecorded(reference: payment.reference) else {
                report.changes["already recorded", default: 0] += 1
                continue
            }
            try ledger.addPayment(payment, to: member.person, report: request.options.file, at: request.audit.at)
            if payment.outcome == .collected {
                try ledger.setPaidUntil(DuesRules.paidUntil(after: payment.paidOn, current: member.paidUntil, frequency: member.frequency),
                                        of: member.person)
            }
            report.changes[payment.outcome.rawValue, default: 0] += 1
            if people.last != member.person { people.append(member.person) }
        }
        guard request.options.commits(report) else { throw UnwrittenImport(report: report) }
        let moves = try DuesSweep(ledger: ledger, today: request.today, author: request.author, audit: request.moveAudit).run()
        report.changed = moves.values.reduce(0, +)
        report.changes.merge(moves) { $0 + $1 }
        var event = request.audit
        event.people = Array(Set(people)).sorted { $0.rawValue < $1.rawValue }
        event.dataClasses = [.financial]
        event.detail += ": " + ["collected", "failed", "already recorded"].map { "\(report.changes[$0] ?? 0) \($0)" }.joined(separator: ", ")
            + ", \(report.changed) members moved"
        try ledger.append(event)
        return report
    }
}

/// An import that ended without writing (problems, or a dry run), carrying its report out of
/// the transaction it rolls back.
struct UnwrittenImport: Error {
    var report: ImportReport
}
