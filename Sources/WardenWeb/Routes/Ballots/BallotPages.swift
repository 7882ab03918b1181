import Foundation
import WardenCore
import WardenServices

/// The pages of ballots: the list with the form to set one up, one ballot as its reader's
/// role sees it, the marked register with the held changes, the voting page, the published
/// result, and a held change's confirmation. Logic-free view models.
enum BallotPages {
    struct Row {
        var id: String
        var title: String
        var phase: String
        var closes: String

        init(_ ballot: Ballot) {
            id = ballot.id.description
            title = ballot.title
            phase = ballot.phase(at: .now).words
            closes = ballot.closesAt.readable
        }
    }

    struct List {
        var chrome: Chrome
        var rows: [Row]
        var none: Bool
        var maySetUp: Bool
    }

    struct Candidate { var number: String; var name: String }
    struct Choice { var value: String; var label: String }
    struct TrusteeRow { var role: String; var username: String; var keyGiven: Bool }

    struct One {
        var chrome: Chrome
        var id: String
        var title: String
        var phase: String
        var rule: String
        var candidates: [Candidate]
        var channels: String
        var freeze: String
        var opens: String
        var closes: String
        var joinedBy: String
        var arrears: String
        var trustees: [TrusteeRow]
        var agents: String
        var frozen: Bool
        var size: String
        var root: String
        var lotCommitment: String
        var recentlyChanged: String
        /// What the reader may do here.
        var mayRun: Bool
        var mayFreeze: Bool
        var mayIssue: Bool
        var maySeeRegister: Bool
        var isTrustee: Bool
        var trusteeName: String
        var mayGiveKey: Bool
        var mayHandBack: Bool
        var mayCount: Bool
        var isMember: Bool
        var mayAskOwn: Bool
        var isOpen: Bool
        var counted: Bool
        var inclusion: String?
        var channelChoices: [Choice]

        init(_ context: SignedInContext, ballot: Ballot, inclusion: Electorate.Inclusion??, done: String?) {
            let actor = context.actor
            let phase = ballot.phase(at: .now)
            chrome = Chrome(context)
            chrome.notice = done.flatMap(BallotPages.notice)
            id = ballot.id.description
            title = ballot.title
            self.phase = phase.words
            rule = "\(ballot.rule); \(ballot.seats) seat\(ballot.seats == 1 ? "" : "s")"
            candidates = ballot.candidates.enumerated().map { Candidate(number: String($0.offset + 1), name: $0.element) }
            channels = ballot.channels.sorted().map(\.words).joined(separator: ", ")
            freeze = ballot.freezeAt.readable
            opens = ballot.opensAt.readable
            closes = ballot.closesAt.readable
            joinedBy = ballot.electorate.joinedOnOrBefore.description
            arrears = ballot.electorate.inArrearsMayVote ? "members in arrears may vote" : "only members paid up may vote"
            trustees = ballot.trustees.map { TrusteeRow(role: $0.role.words, username: $0.username, keyGiven: $0.recipient != nil) }
            agents = ballot.agents.isEmpty ? "none" : ballot.agents.map(\.username).joined(separator: ", ")
            frozen = ballot.frozen != nil
            size = ballot.frozen.map { String($0.size) } ?? ""
            root = ballot.frozen?.root ?? ""
            lotCommitment = ballot.frozen?.lotCommitment ?? ""
            recentlyChanged = ballot.frozen.map { String($0.recentlyChanged) } ?? ""
            mayRun = BallotPolicy.mayRun(actor, ballot)
            mayFreeze = mayRun && phase == .setUp
            mayIssue = mayRun && [.frozen, .open].contains(phase)
            maySeeRegister = BallotPolicy.maySeeRegister(actor, ballot) && ballot.frozen != nil
            let trustee = ballot.trustee(actor.accountID)
            isTrustee = trustee != nil
            trusteeName = trustee?.username ?? ""
            mayGiveKey = trustee != nil && phase == .setUp
            mayHandBack = trustee != nil && phase == .closed
            mayCount = trustee != nil && phase == .closed
            isMember = actor.personID != nil && ballot.frozen != nil
            mayAskOwn = isMember && ballot.channels.contains(.online) && [.frozen, .open].contains(phase)
            isOpen = phase == .open
            counted = phase == .counted
            self.inclusion = inclusion.map { found in
                guard let found else { return "You are not on this ballot's electorate." }
                return "You are on it: your reference is \(found.reference), leaf \(found.index + 1) of \(found.size). "
                    + (found.verifies(root: ballot.frozen?.root ?? "") ? "Its proof leads to the root in the log." : "ITS PROOF DOES NOT LEAD TO THE ROOT: tell the returning officer.")
            }
            channelChoices = ballot.channels.sorted().map { Choice(value: $0.rawValue, label: $0.words) }
        }
    }

    static func notice(_ done: String) -> String? {
        switch done {
        case "created": "The ballot is set up. Each trustee now gives the age key their share of the ballot key is sealed to."
        case "key": "The trustee's key is recorded."
        case "frozen": "The electorate is frozen: its size and root are in the log, and voters' contact details are locked until the close."
        case "issued": "The credential is issued, and the voter told at the contact details held at the freeze."
        case "emailed": "The credential is emailed to the address held at the freeze."
        case "voided": "The credential is voided, and the voter told."
        case "answered": "The held change is answered."
        case "share": "Your share is handed back."
        case "counted": "The ballot is counted and its result published."
        default: nil
        }
    }

    struct RegisterLine { var reference: String; var channel: String; var voted: Bool; var reissued: Bool; var flagged: Bool }
    struct HeldRow { var ballot: String; var id: String; var reference: String; var kinds: String; var asked: String; var by: String; var state: String; var awaiting: Bool }

    struct Register {
        var chrome: Chrome
        var id: String
        var title: String
        var lines: [RegisterLine]
        var summary: String
        var held: [HeldRow]
        var noneHeld: Bool
        var mayAnswer: Bool
    }

    struct Result {
        var chrome: Chrome
        var id: String
        var title: String
        var elected: String
        var transcript: String
        var counter: String
        var checks: String
        var tallies: Bool
        var openedBy: String
        var lotSeed: String
        var ballots: [Ballot]

        struct Ballot { var tracker: String; var ranking: String }
    }

    struct Vote {
        var chrome: Chrome
        var id: String
        var title: String
        var candidates: [Candidate]
        var open: Bool
        var when: String
        var tracker: String?
        var error: String?
    }

    struct Hold {
        var chrome: Chrome
        var token: String
        var done: String?
    }
}
