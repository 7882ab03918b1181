import Foundation
public import WardenCore
import WardenGate
import WardenStore

/// How a party shares people: the purposes it allows (each limiting the fields), where its
/// decoys point, and how long a file waits to be fetched. Kept in the database, so every
/// server and the command line use the same; the defaults serve until the DPO sets them.
public struct ExportSettings: Sendable, Hashable, Codable {
    public var purposes: [ExportPurpose]
    public var decoys: DecoySettings
    /// How long a file waits to be fetched: a one-time link works until then.
    public var fileHours: Int

    public init(purposes: [ExportPurpose] = ExportPurpose.defaults, decoys: DecoySettings = .placeholder, fileHours: Int = 24) {
        self.purposes = purposes
        self.decoys = decoys
        self.fileHours = fileHours
    }

    /// Checks the settings make sense; an error naming the field.
    public func check() throws(WardenError) {
        guard !purposes.isEmpty else { throw .invalidRequest("purposes: at least one") }
        var seen = Set<String>()
        for purpose in purposes {
            guard !purpose.id.isEmpty, purpose.id.allSatisfy({ $0.isLowercase || $0 == "_" }), seen.insert(purpose.id).inserted else {
                throw .invalidRequest("purposes.id: lower-case words joined by _, each used once")
            }
            guard !purpose.title.isEmpty, !purpose.fields.isEmpty else { throw .invalidRequest("purposes: \(purpose.id) needs a title and fields") }
        }
        try decoys.check()
        guard (1...168).contains(fileHours) else { throw .invalidRequest("fileHours: from 1 to 168") }
    }
}

extension ExportService {
    static let settingsKey = "export_settings"

    /// The party's export settings, or the defaults until the DPO sets them.
    public func settings() async throws -> ExportSettings {
        guard let text = try await store.setting(Self.settingsKey) else { return ExportSettings() }
        return try JSONDecoder().decode(ExportSettings.self, from: Data(text.utf8))
    }

    /// Replaces the export settings with `json` (as ``settings()`` encodes them), once they
    /// check; the DPO's or the operator's, and recorded. Exports already made keep their files.
    public func setSettings(json: [UInt8], actor: Actor) async throws {
        try await gate.requireDataProtectionOfficer(actor, detail: "export settings", "only the data protection officer sets the export purposes and decoys")
        let settings: ExportSettings
        do {
            settings = try JSONDecoder().decode(ExportSettings.self, from: Data(json))
        } catch {
            throw WardenError.invalidRequest("settings: not export settings (print the current ones to start from them)")
        }
        try settings.check()
        try await store.setSetting(Self.settingsKey, value: String(decoding: try JSONEncoder.sorted.encode(settings), as: UTF8.self))
        try await store.append(AuditEvent(actor: actor, action: .export, purpose: .dataProtection,
                                          detail: "export settings set: \(settings.purposes.map(\.id).joined(separator: ", "))"))
    }
}
