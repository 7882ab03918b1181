import GRDB
public import WardenCore

extension SQLiteStore {
    @_spi(Gate) public func changeMembership(_ request: MembershipChangeRequest) async throws -> MembershipChangeOutcome {
        let areas = areaCache
        return try await group.write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: SQLiteStore.personByID), arguments: [request.personID.rawValue]) else {
                return .notFound
            }
            let record = try SQLiteStore.record(from: row, areas: try areas.areas(db), contacts: false, db: db)
            guard case .allowed(let grantID) = request.decide(record), let member = record.member else {
                try SQLiteStore.refuseWrite(request.audit, to: request.personID, why: "person outside the writer's grants",
                                            alert: "tried to change a membership outside their grants", db)
                return .outOfScope
            }
            let next: MembershipStatus
            do throws(MembershipTransitionError) {
                next = try member.status.applying(request.event)
            } catch {
                return .refusedByLifecycle(error)
            }
            try db.execute(sql: "UPDATE member SET status = ?, status_since = ?, updated_at = ? WHERE person_id = ?",
                           arguments: [next.rawValue, request.author.at.date.description, request.author.at.description,
                                       request.personID.rawValue])
            try Versioning.touch([request.personID.rawValue], db)
            var author = request.author
            author.grantID = grantID
            let binding = try Versioning.record(author, db: db)
            var event = request.audit
            event.people = [request.personID]
            event.dataClasses = [.membership]
            event.versions = binding
            event.detail += ": \(member.status.rawValue) → \(next.rawValue)"
            try SQLiteStore.insert(event, db)
            return .changed(from: member.status, to: next)
        }
    }
}
