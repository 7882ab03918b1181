public import WardenCore
@_spi(Gate) public import WardenStore

/// Imports write whole files of people: the operator acts through the import's purpose
/// (register maintenance, membership administration), decided by ``AccessPolicy/mayImport(_:purpose:areas:)``,
/// and the import, its versions and its audit entry commit together or not at all.
extension Gate {
    public func importRegister(
        _ lines: some Sequence<ImportLine<RegisterEntry>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport {
        try await mayImport(options)
        var options = options
        let keys = try envelope.keys.current
        options.suppressionHash = { keys.identifierHash($0) }
        return try await store.importRegister(lines, options: options, progress: progress)
    }

    public func importMembers(
        _ lines: some Sequence<ImportLine<MembershipRecord>>, options: ImportOptions, progress: (Int) -> Void
    ) async throws -> ImportReport {
        try await mayImport(options)
        return try await store.importMembers(lines, options: options, progress: progress)
    }

    /// Whether `actor` may import for `purpose` (``AccessPolicy/mayImport(_:purpose:areas:)``).
    func mayImport(_ actor: Actor, purpose: Purpose) async throws -> Bool {
        if case .localOperator = actor.kind { return true }
        let all = Dictionary(uniqueKeysWithValues: try await areas.allAreas().map { ($0.id, $0) })
        return AccessPolicy.mayImport(actor, purpose: purpose, areas: all)
    }

    /// Refuses, and records the refusal, unless the options' actor may import for their purpose.
    private func mayImport(_ options: ImportOptions) async throws {
        guard try await !mayImport(options.actor, purpose: options.purpose) else { return }
        try await refuse(
            AuditEvent(actor: options.actor, action: .import, purpose: options.purpose, detail: "\(options.file)"),
            by: options.actor, why: "no whole-party membership secretary grant for \(options.purpose.rawValue)",
            .forbidden("importing needs a whole-party membership secretary grant for \(options.purpose.words)"))
    }
}
