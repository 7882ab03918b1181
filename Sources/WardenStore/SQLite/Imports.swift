public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func importRegister(
        _ lines: some Sequence<ImportLine<RegisterEntry>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport {
        try runImport(lines, options: options, progressEvery: 10_000, progress: progress) { db in
            try RegisterImport(ledger: SQLiteImportLedger(db), options: options)
        }
    }

    @_spi(Gate) public func importMembers(
        _ lines: some Sequence<ImportLine<MembershipRecord>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport {
        try runImport(lines, options: options, progressEvery: 1_000, progress: progress) { db in
            try MemberImport(ledger: SQLiteImportLedger(db), options: options)
        }
    }
}
