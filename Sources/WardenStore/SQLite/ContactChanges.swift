import Foundation
import GRDB
public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func changeContacts(_ request: ContactChangeRequest) async throws -> ContactChangeOutcome {
        let areas = areaCache
        return try await group.write { db in
            try ContactChangeRun(db: db, request: request).run(areas: try areas.areas(db))
        }
    }
}

/// One change to a person's contact details, inside the (group-committed) write transaction.
struct ContactChangeRun {
    let db: Database
    let request: ContactChangeRequest

    func run(areas: [AreaID: Area]) throws -> ContactChangeOutcome {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: SQLiteStore.personByID), arguments: [request.personID.rawValue]) else {
            return .notFound
        }
        let record = try SQLiteStore.record(from: row, areas: areas, contacts: true, db: db)
        guard case .allowed(let grantID) = request.decide(record) else {
            try SQLiteStore.refuseWrite(request.audit, to: request.personID, why: "person outside the writer's grants",
                                        alert: "tried to change contact details outside their grants", db)
            return .outOfScope
        }
        let now = request.author.at.description
        for edit in request.edits {
            let existing = (record.contactPoints ?? []).filter { $0.kind == edit.kind }
            guard existing.map(\.value) != [edit.value].compactMap({ $0 }) else { continue }
            try db.execute(sql: "DELETE FROM contact_point WHERE person_id = ? AND kind = ?",
                           arguments: [request.personID.rawValue, edit.kind.rawValue])
            guard let value = edit.value else { continue }
            // The person's consent to be contacted this way carries over to the new address.
            let consent = existing.first(where: { $0.value == value })?.consent ?? existing.first?.consent ?? []
            try db.execute(sql: """
                INSERT INTO contact_point (person_id, kind, value, source, consent, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [request.personID.rawValue, edit.kind.rawValue, value, request.source.rawValue,
                                 consent.sorted().map(\.rawValue).joined(separator: ","), now])
        }
        try Versioning.touch([request.personID.rawValue], db)
        var author = request.author
        author.grantID = grantID
        var made: (version: PersonVersion, previous: PersonState?)?
        let binding = try Versioning.record(author, db: db) { version, previous in made = (version, previous) }
        guard let binding, let made else { return .unchanged }
        var notices = 0
        if let maker = request.notices, record.member != nil {
            notices = try ChangeNotices(db: db, maker: maker, at: request.author.at, restoring: request.source == .restored)
                .queue(for: made.version, previous: made.previous)
        }
        var event = request.audit
        event.people = [request.personID]
        event.dataClasses = [.contact]
        event.versions = binding
        event.detail += ": " + made.version.fields.joined(separator: ", ")
        try SQLiteStore.insert(event, db)
        if let limits = request.watch {
            try SQLiteStore.watchContactChanges(of: Set(record.areas.map(\.id)), by: event.accountID, actor: event.actor,
                                                at: request.author.at, limits: limits, areas: areas, db)
        }
        return .changed(versionID: made.version.id, fields: made.version.fields, notices: notices)
    }
}

extension SQLiteStore {
    /// Records a write the policy refused, naming the person, and raises its out-of-scope
    /// alert, in the writer's transaction.
    static func refuseWrite(_ audit: AuditEvent, to person: PersonID, why: String, alert: String, _ db: Database) throws {
        var event = audit
        event.outcome = .refused
        event.detail += ": " + why
        event.people = [person]
        try insert(event, db)
        try raise(AlertDraft(kind: .outOfScope, accountID: event.accountID, actor: event.actor, detail: alert),
                  at: event.at, dedupeWithin: nil, db)
    }
}
