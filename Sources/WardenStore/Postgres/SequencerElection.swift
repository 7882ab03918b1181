import PostgresNIO
import WardenCore

/// Which of the Warden servers on one PostgreSQL database is the log's sequencer: the one
/// holding a session advisory lock on a connection of its own.
///
/// The lock lives exactly as long as that connection: when its server stops, is killed or
/// loses the network, PostgreSQL ends the session and lets go, and the next server to stand
/// takes it over (failover within one housekeeping turn). The election only decides who does
/// the round-by-round work (numbering, integrating, signing checkpoints, delivering mail);
/// what keeps the log gapless is the round lock every numbering takes
/// (``PostgresSequencer``), so even two servers that both believe they are the sequencer
/// for a moment number and integrate one after the other, and sign the same tree.
actor SequencerElection {
    /// The election lock's key: "Warden sequencer election".
    static let lock: Int64 = 7_210_003

    private let location: PostgresLocation
    private var connection: PostgresConnection?
    private var holds = false

    init(location: PostgresLocation) {
        self.location = location
    }

    /// Stands for election: `true` while this server holds the lock (checked on the
    /// connection each time, so a lost connection is a lost election), or once it takes it.
    func stand() async throws -> Bool {
        do {
            let connection = try await connected()
            if holds {
                _ = try await connection.query("SELECT 1", logger: connection.logger).collect()
                return true
            }
            let rows = try await connection.query("SELECT pg_try_advisory_lock(\(Self.lock))", logger: connection.logger).collect()
            holds = try rows.first?.decode(Bool.self) ?? false
            return holds
        } catch {
            await resign()
            if let error = error as? PSQLError { throw PostgresEngine.storeError(error) }
            throw error
        }
    }

    /// Lets go of the lock (by closing its connection), for a server that is stopping.
    func resign() async {
        holds = false
        if let connection {
            self.connection = nil
            try? await connection.close()
        }
    }

    private func connected() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        holds = false
        let connection = try await PostgresEngine.dedicatedConnection(location)
        self.connection = connection
        return connection
    }
}
