import ArgumentParser
import Foundation
import Synchronization
import WardenServices

/// The databases this command named, to sign a checkpoint of each one's log when it ends.
///
/// Every command records what it did in the log, but only a signed checkpoint held in the
/// witness directory makes those entries tamper-evident. The server signs every few seconds;
/// a command run without a server would otherwise leave its entries unsigned (and `warden
/// verify` would find the witness directory empty). So every command's database is noted
/// where its options are read (``StoreOptions/configuration(defaultDatabase:)``), and
/// ``WardenCommand/main()`` signs, once, for every command, when the log has grown.
enum ExitCheckpoint {
    private static let databases = Mutex<[String: WardenConfiguration]>([:])

    /// Notes `configuration`'s database, to be checkpointed when the command ends.
    static func note(_ configuration: WardenConfiguration) {
        databases.withLock { $0[configuration.databasePath] = configuration }
    }

    /// Signs a checkpoint of each noted database's log if it has grown; returns the errors.
    /// A database that is not there, or does not open, is skipped: the command has already
    /// said why.
    static func sign() async -> [any Error] {
        var errors: [any Error] = []
        for configuration in databases.withLock({ Array($0.values) }) {
            guard configuration.isPostgres || FileManager.default.fileExists(atPath: configuration.databasePath),
                  let warden = try? await Warden.open(configuration)
            else { continue }
            do {
                try await warden.log.checkpoint()
            } catch {
                errors.append(error)
            }
        }
        return errors
    }
}

extension WardenCommand {
    /// Runs the command as ArgumentParser would, then signs a checkpoint of what it logged,
    /// whether it succeeded or failed (a refused import is logged too). A checkpoint that
    /// cannot be signed is reported and fails the command: its entries are not yet witnessed.
    static func main() async {
        var failure: (any Error)?
        do {
            var command = try await asyncParseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            failure = error
        }
        for error in await ExitCheckpoint.sign() {
            var stream = Terminal.StandardError()
            print("warden: no checkpoint of the log could be signed (\(error)); what this command logged is not yet witnessed: run `warden log checkpoint` once the cause is fixed", to: &stream)
            failure = failure ?? ExitCode.failure
        }
        if let failure { exit(withError: failure) }
    }
}
