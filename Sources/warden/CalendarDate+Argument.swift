public import ArgumentParser
public import WardenCore

extension SubjectAccessChannel: ExpressibleByArgument {}
extension RefusalGround: ExpressibleByArgument {}
extension ExportSelection.Population: ExpressibleByArgument {}
extension BallotChannel: ExpressibleByArgument {}
extension MailClass: ExpressibleByArgument {}
extension VolunteerSkill: ExpressibleByArgument {}
extension VolunteerStatus: ExpressibleByArgument {}
extension SuppressionReason: ExpressibleByArgument {}
extension CalendarDate: ExpressibleByArgument {
    /// `YYYY-MM-DD` (or the UK orders ``CalendarDate/init(parsing:)`` takes).
    public init?(argument: String) { self.init(parsing: argument) }
}
