import Foundation

/// Who may write, approve and send a mailing, and what it needs before it goes.
///
/// Whoever organises an area (``OrganisingPolicy``) writes to its people; nobody sees the list. A send to more than ``secondPersonAbove`` people
/// needs a second of them who is not the author; during a selection ballot over the area, a
/// mailing about its candidates needs the ballot's returning officer (equal access for every
/// candidate).
public enum MailingPolicy {
    /// Sends to more emails than this need a second person.
    public static let secondPersonAbove = 500

    /// Whether `actor` may write to, count and send to the area whose chain (the area and
    /// everything above it) is `chain`: whoever organises it.
    public static func mayWrite(_ actor: Actor, areaChain chain: Set<AreaID>) -> Bool {
        OrganisingPolicy.mayOrganise(actor, areaChain: chain)
    }

    /// Whether `actor` may put an address on the suppression list for an objection or an
    /// unsubscribe they were told of: anyone who writes to people, or the DPO. Anyone who hears
    /// "stop emailing me" must be able to make it so.
    public static func mayRecordObjection(_ actor: Actor) -> Bool {
        AccessPolicy.mayReviewAudit(actor) || actor.grants.contains { OrganisingPolicy.roles.contains($0.role) }
    }

    /// Whether `actor` may give `kind` of approval to `mailing`: never its author; a second
    /// person is another writer over the area; the returning officer is the ballot's.
    public static func mayApprove(_ actor: Actor, _ kind: MailingApproval.Kind, of mailing: Mailing, areaChain chain: Set<AreaID>,
                                  ballot: Ballot?) -> Bool {
        if case .localOperator = actor.kind { return true }
        guard let account = actor.accountID, account != mailing.author.accountID else { return false }
        switch kind {
        case .secondPerson: return mayWrite(actor, areaChain: chain)
        case .returningOfficer: return ballot.map { BallotPolicy.mayRun(actor, $0) } ?? false
        }
    }

    /// The approvals a mailing of `emails` emails needs, given the selection ballots whose
    /// areas overlap its area and are still running.
    public static func approvalsNeeded(for mailing: Mailing, emails: Int, runningBallots: [Ballot]) -> [MailingApproval.Kind] {
        var needed: [MailingApproval.Kind] = emails > secondPersonAbove ? [.secondPerson] : []
        for ballot in runningBallots where mailing.aboutCandidates || names(ballot.candidates, in: mailing) {
            needed.append(.returningOfficer(ballot.id))
        }
        return needed
    }

    /// Whether `mailing`'s approvals cover a send of `emails` emails: an audience that grew past
    /// ``secondPersonAbove`` since it was submitted needs the second person before it goes.
    public static func approvalsCover(_ mailing: Mailing, emails: Int) -> Bool {
        emails <= secondPersonAbove || mailing.approvals.contains { $0.kind == .secondPerson }
    }

    /// Whether `actor` may see what `person` was sent: the person, or the DPO.
    public static func maySeeMailings(of person: PersonID, actor: Actor) -> Bool {
        actor.personID == person || AccessPolicy.mayReviewAudit(actor)
    }

    /// Whether a ballot over `ballotArea` is running over `mailingArea`: one area contains the
    /// other, so some voters would get the mailing.
    public static func overlaps(ballotArea: AreaID, mailingArea: AreaID, in all: [AreaID: Area]) -> Bool {
        Area.chain(from: mailingArea, in: all).contains { $0.id == ballotArea }
            || Area.chain(from: ballotArea, in: all).contains { $0.id == mailingArea }
    }

    /// Whether the ballot is still a contest a mailing could sway: set up, frozen or open.
    public static func isRunning(_ ballot: Ballot, at instant: Timestamp) -> Bool {
        [.setUp, .frozen, .open].contains(ballot.phase(at: instant))
    }

    /// Whether the mailing's subject or body names any of `candidates`.
    static func names(_ candidates: [String], in mailing: Mailing) -> Bool {
        let text = (mailing.subject + "\n" + mailing.body).lowercased()
        return candidates.contains { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            return !trimmed.isEmpty && text.contains(trimmed)
        }
    }

    /// The problems with a mailing as written, each naming the field; empty when it may be sent.
    public static func problems(with mailing: Mailing) -> [String] {
        var problems: [String] = []
        let subject = mailing.subject.trimmingCharacters(in: .whitespaces)
        if subject.isEmpty { problems.append("subject: empty") }
        if subject.count > 200 { problems.append("subject: longer than 200 characters") }
        if mailing.subject.contains(where: \.isNewline) { problems.append("subject: one line only") }
        if mailing.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("body: empty") }
        if mailing.body.count > 50_000 { problems.append("body: longer than 50,000 characters") }
        for field in MergeFields.unknownFields(in: mailing.subject + "\n" + mailing.body) {
            problems.append("body: {{\(field)}} is not a merge field")
        }
        if !mailing.audience.admits(mailing.mailClass) {
            problems.append("audience: a service message goes to members only")
        }
        return problems
    }
}
