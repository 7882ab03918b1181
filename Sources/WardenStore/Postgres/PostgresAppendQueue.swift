import WardenCore

/// Audit entries appended on their own (refusals, sign-ins), many to a transaction.
///
/// On PostgreSQL each transaction's commit waits for the write-ahead log to reach the disk
/// (`synchronous_commit = on`), and an entry's two inserts are two round trips: one
/// transaction per entry stops near a few thousand a second however many connections there
/// are. Entries handed in while a batch commits wait for the next; up to ``drainers``
/// batches are in flight at once, each sending its entries and their people with `COPY` under
/// identifiers taken ahead. Every caller is answered after its batch has committed, so an
/// entry is as durable as if it had committed alone; if the batch fails, every caller in it is
/// told. The sequencer numbers the entries as it numbers any.
actor PostgresAppendQueue {
    private var waiting: [(event: AuditEvent, answer: CheckedContinuation<Void, any Error>)] = []
    private var running = 0

    /// Batches in flight at once.
    static let drainers = 2
    /// Entries in one batch at most.
    static let batch = 1_000

    func append(_ event: AuditEvent, on engine: PostgresEngine) async throws {
        try await withCheckedThrowingContinuation { (answer: CheckedContinuation<Void, any Error>) in
            waiting.append((event, answer))
            if running < Self.drainers {
                running += 1
                Task { await drain(engine) }
            }
        }
    }

    private func drain(_ engine: PostgresEngine) async {
        while !waiting.isEmpty {
            let taken = Array(waiting.prefix(Self.batch))
            waiting.removeFirst(taken.count)
            let events = taken.map(\.event)
            do {
                let ids = taken.count > 1 ? try await identifiers(taken.count, engine) : []
                try await engine.transaction { session in try Self.store(events, ids: ids, session) }
                for pending in taken { pending.answer.resume() }
            } catch {
                for pending in taken { pending.answer.resume(throwing: error) }
            }
        }
        running -= 1
    }

    /// Identifiers taken from the entries' sequence ahead of need, a block at a time, so a
    /// batch's transaction spends no round trip on them.
    private var stock: ArraySlice<Int64> = []

    /// The next `count` identifiers, in order.
    private func identifiers(_ count: Int, _ engine: PostgresEngine) async throws -> [Int64] {
        while stock.count < count {
            let more = max(count, IdentityBlock.size)
            let taken = try await engine.session { session in try IdentityBlock.take(more, of: "audit_event", session) }
            stock.append(contentsOf: taken)
        }
        defer { stock.removeFirst(count) }
        return Array(stock.prefix(count))
    }

    /// The entries' rows under the identifiers given, in order, so the sequencer keeps the
    /// batch's order; one entry alone is simply inserted.
    private static func store(_ events: [AuditEvent], ids: [Int64], _ session: PostgresSession) throws {
        if events.count == 1 { return try AuditRows.insert(events[0], session) }
        try session.copy(into: "audit_event", columns: ["id"] + AuditRows.columns) { emit in
            for (id, event) in zip(ids, events) { try emit([.integer(id)] + AuditRows.values(of: event)) }
        }
        try session.copy(into: "audit_person", columns: ["event_id", "person_id"]) { emit in
            for (id, event) in zip(ids, events) {
                for person in Set(event.people).sorted(by: { $0.rawValue < $1.rawValue }) { try emit([.integer(id), .integer(person.rawValue)]) }
            }
        }
    }
}
