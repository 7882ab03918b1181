import AgeEncryption
public import Foundation
public import WardenCore
import WardenStore

/// An export's file on its way out: through its one-time link, or as the encrypted file.
public struct ExportDownload: Sendable {
    public let request: ExportRequest
    let ciphertext: [UInt8]
    /// Set for a link: the file is opened with it as it is sent. `nil` sends the age file itself.
    let identity: X25519Identity?

    /// The name the recipient saves it under.
    public var fileName: String { identity == nil ? request.fileName + ".age" : request.fileName }
    public var contentType: String { identity == nil ? "application/octet-stream" : "text/csv; charset=utf-8" }

    /// Sends the file a chunk at a time into `chunk`.
    public func send(_ chunk: (Data) throws -> Void) throws {
        if let identity {
            try ExportFile.decrypt(ciphertext, identity: identity, plaintext: chunk)
        } else {
            try chunk(Data(ciphertext))
        }
    }
}

extension ExportService {
    /// The file behind a one-time link: works once, before it expires. Whoever holds the link
    /// fetches it; the fetch is recorded, and the link never works again.
    public func openLink(_ token: String) async throws -> ExportDownload {
        let link = ExportLink(token: token)
        guard let request = try await store.exportByLink(hash: link.hash) else {
            throw WardenError.notFound("this link is not one Warden gave out")
        }
        let now = Timestamp.now
        switch request.state {
        case .delivered: throw WardenError.conflict("this link has been used already: it works once; ask the party for a new export")
        case .expired: throw WardenError.conflict("this link expired unused; ask the party for a new export")
        case .ready: break
        case .requested, .refused: throw WardenError.notFound("this link is not one Warden gave out")
        }
        try await refuseIfExpired(request, at: now, "this link expired unused; ask the party for a new export")
        guard let ciphertext = try await store.exportFile(request.id) else { throw WardenError.notFound("this link is not one Warden gave out") }
        var used = request
        used.state = .delivered
        used.linkUsedAt = now
        // Taking the file deletes it: the link cannot work twice, even on another server.
        guard try await store.moveExport(used, from: .ready, audit: AuditEvent(
            at: now, actorLabel: "link:export \(request.id)", accountID: nil, action: .export, purpose: nil, outcome: .allowed,
            detail: "export \(request.id): fetched through its one-time link", dataClasses: [], people: []), made: nil, dropFile: true) else {
            throw WardenError.conflict("this link has been used already: it works once; ask the party for a new export")
        }
        return ExportDownload(request: used, ciphertext: ciphertext, identity: try link.identity())
    }

    /// The encrypted file of an export to a recipient's key, for its requester or the DPO to
    /// pass on; only the recipient's key opens it. The first fetch marks it delivered.
    public func encryptedFile(_ id: ExportID, actor: Actor) async throws -> ExportDownload {
        let request = try await request(id, actor: actor)
        guard case .ageKey = request.recipient.delivery else {
            throw WardenError.invalidRequest("export \(id): goes by one-time link, to the recipient only")
        }
        try await refuseIfExpired(request, at: .now, "export \(id): its file was deleted at its expiry")
        guard request.state == .ready || request.state == .delivered, let ciphertext = try await store.exportFile(id) else {
            throw WardenError.conflict("export \(id): \(request.state.rawValue); there is no file to fetch")
        }
        var fetched = request
        fetched.state = .delivered
        _ = try await store.moveExport(fetched, from: request.state, audit: AuditEvent(
            actor: actor, action: .export, purpose: nil, detail: "export \(id): encrypted file fetched"), made: nil, dropFile: false)
        return ExportDownload(request: fetched, ciphertext: ciphertext, identity: nil)
    }

    /// Deletes every file past its expiry: a link unused is ended, a key recipient's file
    /// fetched or not is gone. The request says so.
    public func expireFiles(at now: Timestamp = .now) async throws {
        for request in try await store.exportsHoldingFiles() where request.expires.map({ $0 <= now }) ?? false {
            try await expire(request, at: now)
        }
    }

    /// Expires `request` and throws `message` when its file is past its time, even if the
    /// housekeeping has not got to it yet.
    private func refuseIfExpired(_ request: ExportRequest, at now: Timestamp, _ message: String) async throws {
        guard let expires = request.expires, expires <= now else { return }
        try await expire(request, at: now)
        throw WardenError.conflict(message)
    }

    private func expire(_ request: ExportRequest, at now: Timestamp) async throws {
        var expired = request
        expired.state = request.state == .ready ? .expired : .delivered
        expired.expires = nil
        _ = try await store.moveExport(expired, from: request.state, audit: AuditEvent(
            at: now, actorLabel: "warden", accountID: nil, action: .export, purpose: nil, outcome: .allowed,
            detail: "export \(request.id): file deleted at its expiry" + (request.state == .ready ? ", never fetched" : ""), dataClasses: [], people: []),
            made: nil, dropFile: true)
    }
}
