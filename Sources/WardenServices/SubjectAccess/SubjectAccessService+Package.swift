import Foundation
public import WardenCore
import WardenGate
import WardenStore

extension SubjectAccessService {
    /// The package answering case `id`: every confirmed record's facts in one Gate read, made
    /// once the case is in preparation (or again after it was sent).
    public func package(_ id: SubjectAccessCaseID, actor: Actor) async throws -> SubjectAccessArchive {
        try await requireOfficer(actor, "take a package")
        let current = try await found(id)
        guard current.state == .inPreparation || current.state == .sent else {
            throw WardenError.conflict("case \(id) is \(current.state.words): a package is made in preparation, after the identity check and the records are confirmed")
        }
        return try await assemble(current.subjects, case: id, actor: actor)
    }

    /// Makes the archive: the log is brought up to date first, so the entries naming the
    /// people have their places; after the read, a new checkpoint covers the package's own entry.
    func assemble(_ people: [PersonID], case caseID: SubjectAccessCaseID?, actor: Actor) async throws -> SubjectAccessArchive {
        _ = try await log.checkpoint()
        let found = try await gate.subjectAccess(of: people, case: caseID, actor: actor)
        let package = SubjectAccessPackage(caseID: caseID, generatedAt: .now, records: found.records, consultations: found.consultations,
                                           processing: try await register())
        let checkpoint = try await log.checkpoint()
        var proofs: [InclusionProof] = []
        if let checkpoint {
            let ownPurposes = [Purpose.subjectAccess.rawValue, Purpose.selfService.rawValue]
            for item in found.consultations where ownPurposes.contains(item.purpose ?? "") {
                guard let index = item.entryIndex, UInt64(index) < checkpoint.size else { continue }
                let hashes = try await log.inclusionProof(index: UInt64(index), size: checkpoint.size)
                proofs.append(InclusionProof(leafIndex: index, treeSize: Int64(checkpoint.size), hashes: hashes.map(Hex.encode)))
            }
        }
        return try SubjectAccessArchive(package: package, checkpoint: checkpoint, proofs: proofs)
    }

    /// The party's processing register, or the UK default until it sets one.
    public func register() async throws -> ProcessingRegister {
        guard let text = try await store.setting(Self.registerSetting) else { return .ukPartyDefault }
        return try JSONDecoder().decode(ProcessingRegister.self, from: Data(text.utf8))
    }

    /// Replaces the processing register with `json` (as `register()` prints it), once it reads
    /// as one with nothing missing; the DPO's or the operator's, and recorded.
    public func setRegister(json: [UInt8], actor: Actor) async throws {
        try await requireOfficer(actor, "set the processing register")
        let register: ProcessingRegister
        do {
            register = try JSONDecoder().decode(ProcessingRegister.self, from: Data(json))
        } catch {
            throw WardenError.invalidRequest("register: not a processing register (print the current one with --json to start from it)")
        }
        if let problem = register.problems.first { throw WardenError.invalidRequest(problem) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await store.setSetting(Self.registerSetting, value: String(decoding: try encoder.encode(register), as: UTF8.self))
        try await store.append(AuditEvent(actor: actor, action: .subjectAccess, purpose: .dataProtection, detail: "processing register set"))
    }

    static let registerSetting = "processing_register"

    /// Whether packages name the people who consulted a record, or only their roles (the default).
    public func namesReaders() async throws -> Bool {
        try await store.setting(SubjectAccessSettings.namesReadersKey) == "true"
    }

    /// Sets whether packages name readers: the party's choice, the DPO's or the operator's to make, recorded.
    public func setNamesReaders(_ named: Bool, actor: Actor) async throws {
        try await requireOfficer(actor, "choose whether readers are named")
        try await store.setSetting(SubjectAccessSettings.namesReadersKey, value: named ? "true" : "false")
        try await store.append(AuditEvent(actor: actor, action: .subjectAccess, purpose: .dataProtection,
                                          detail: named ? "packages name readers" : "packages name readers' roles only"))
    }
}

extension SubjectAccessService {
    /// A member's own package, from their page: the same generator as a case's, for exactly
    /// their own record, recorded in the log as subject access fulfilled by self-service.
    public func ownPackage(actor: Actor) async throws -> SubjectAccessArchive {
        try await assemble([try await own(actor)], case: nil, actor: actor)
    }

    /// Who consulted the member's own record: dates, purposes and roles, from the log.
    public func ownConsultations(actor: Actor) async throws -> [Consultation] {
        try await gate.subjectAccess(of: [try await own(actor)], case: nil, actor: actor).consultations.reversed()
    }

    /// The person record of `actor`'s account, or a recorded refusal when it has none.
    func own(_ actor: Actor) async throws -> PersonID {
        guard let person = actor.personID else {
            try await gate.refuse(AuditEvent(actor: actor, action: .refused, purpose: .selfService, detail: "own record"), by: actor,
                                  why: "no person record linked to the account", .forbidden("your account is not linked to a person record"))
        }
        return person
    }
}
