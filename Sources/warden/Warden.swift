import ArgumentParser
import WardenCore

/// `warden`: the membership and canvassing database that guards the people in it.
@main
struct WardenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warden",
        abstract: "The membership and canvassing database that guards the people in it.",
        version: WardenRelease.version,
        subcommands: [
            Init.self, Serve.self, Demo.self, Import.self, Account.self, GrantCommand.self, AccessCommand.self,
            Verify.self, Migrate.self, Log.self, Audit.self, Rollback.self, Outbox.self, CampaignCommand.self, WalkListCommand.self, Keys.self, Member.self, SubjectAccessCommand.self, Privacy.self, Erase.self, Retention.self, IncidentCommand.self, Backup.self, Restore.self, ExportCommand.self, BallotCommand.self, MailingCommand.self, SuppressionCommand.self, VolunteerCommand.self, EventCommand.self,
        ])
}
