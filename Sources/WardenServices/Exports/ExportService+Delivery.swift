import AgeEncryption
public import Foundation
public import WardenCore
import WardenStore

/// An export's file on its way out: through its one-time link, or as the encrypted file.
public struct ExportDownload: Sendable {
    public let request: ExportRequest
    let path: String
    /// Set for a link: the file is opened with it as it is sent. `nil` sends the age file itself.
    let identity: X25519Identity?

    /// The name the recipient saves it under.
    public var fileName: String { identity == nil ? request.fileName + ".age" : request.fileName }
    public var contentType: String { identity == nil ? "application/octet-stream" : "text/csv; charset=utf-8" }

    /// Sends the file a chunk at a time into `chunk`; a link's file is then deleted.
    public func send(_ chunk: (Data) throws -> Void) throws {
        if let identity {
            defer { unlink(path) }
            try ExportFile.decrypt(path, identity: identity, plaintext: chunk)
        } else {
            guard let input = FileHandle(forReadingAtPath: path) else { throw WardenError.notFound("the export's file is gone") }
            defer { try? input.close() }
            while let piece = try input.read(upToCount: 1 << 16), !piece.isEmpty { try chunk(piece) }
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
        if let expires = request.linkExpires, expires <= now {
            try await expire(request, at: now)
            throw WardenError.conflict("this link expired unused; ask the party for a new export")
        }
        var used = request
        used.state = .delivered
        used.linkUsedAt = now
        guard try await store.moveExport(used, from: .ready, audit: AuditEvent(
            at: now, actorLabel: "link:export \(request.id)", accountID: nil, action: .export, purpose: nil, outcome: .allowed,
            detail: "export \(request.id): fetched through its one-time link", dataClasses: [], people: []), made: nil) else {
            throw WardenError.conflict("this link has been used already: it works once; ask the party for a new export")
        }
        return ExportDownload(request: used, path: ExportFile.path(of: request.id, in: directory), identity: try link.identity())
    }

    /// The encrypted file of an export to a recipient's key, for its requester or the DPO to
    /// pass on; only the recipient's key opens it. The first fetch marks it delivered.
    public func encryptedFile(_ id: ExportID, actor: Actor) async throws -> ExportDownload {
        let request = try await request(id, actor: actor)
        guard case .ageKey = request.recipient.delivery else {
            throw WardenError.invalidRequest("export \(id): goes by one-time link, to the recipient only")
        }
        guard request.state == .ready || request.state == .delivered else {
            throw WardenError.conflict("export \(id): \(request.state.rawValue); there is no file to fetch")
        }
        var fetched = request
        fetched.state = .delivered
        _ = try await store.moveExport(fetched, from: request.state, audit: AuditEvent(
            actor: actor, action: .export, purpose: nil, detail: "export \(id): encrypted file fetched"), made: nil)
        return ExportDownload(request: fetched, path: ExportFile.path(of: id, in: directory), identity: nil)
    }

    /// Ends every link that passed its expiry unused: the request says so and the file goes.
    public func expireLinks(at now: Timestamp = .now) async throws {
        for request in try await store.exports(limit: 1_000) where request.state == .ready && (request.linkExpires.map { $0 <= now } ?? false) {
            try await expire(request, at: now)
        }
    }

    private func expire(_ request: ExportRequest, at now: Timestamp) async throws {
        var expired = request
        expired.state = .expired
        if try await store.moveExport(expired, from: .ready, audit: AuditEvent(
            at: now, actorLabel: "warden", accountID: nil, action: .export, purpose: nil, outcome: .allowed,
            detail: "export \(request.id): link expired unused; file deleted", dataClasses: [], people: []), made: nil) {
            unlink(ExportFile.path(of: request.id, in: directory))
        }
    }
}
