import ArgumentParser
import Foundation
import WardenCore
import WardenMail

/// The SMTP relay email is delivered through: `--smtp host:port` / `WARDEN_SMTP`, `--mail-from`,
/// and what a provider's relay needs: TLS, an account, a rate, and DKIM keys.
struct MailOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SMTP relay, host:port (env WARDEN_SMTP). Without it, email stays queued.", valueName: "host:port"))
    var smtp: String?

    @Option(help: "The sender address of Warden's email (From, and where bounces go).")
    var mailFrom = "warden@localhost"

    @Option(help: ArgumentHelp("How the relay connection is protected: none (a relay on this machine or a private network), starttls, or implicit (port 465).", valueName: "mode"))
    var smtpTLS: TLSChoice = .none

    @Option(help: ArgumentHelp("The CA certificates (PEM) the relay's certificate must chain to, for a private relay (default: the system's).", valueName: "path"))
    var smtpCA: String?

    @Option(help: ArgumentHelp("The relay account's username, for AUTH (only over TLS).", valueName: "name"))
    var smtpUser: String?

    @Option(help: ArgumentHelp("A file readable by its owner only (chmod 600) whose first line is the relay account's password.", valueName: "path"))
    var smtpPasswordFile: String?

    @Option(help: ArgumentHelp("The most messages a second the relay takes from Warden.", valueName: "n"))
    var smtpRate: Double?

    @Option(help: ArgumentHelp("A DKIM key, as SELECTOR=PEMFILE (repeat: sign with both an ed25519 and an rsa key, as RFC 8463 advises).", valueName: "selector=path"))
    var dkim: [String] = []

    @Option(help: ArgumentHelp("The DKIM signing domain (default: the domain of --mail-from).", valueName: "domain"))
    var dkimDomain: String?

    enum TLSChoice: String, ExpressibleByArgument, CaseIterable {
        case none, starttls, implicit

        var mode: SMTPRelay.TLSMode {
            switch self {
            case .none: .none
            case .starttls: .startTLS
            case .implicit: .implicit
            }
        }
    }

    func relay() throws -> SMTPRelay? {
        guard let address = smtp ?? ProcessInfo.processInfo.environment["WARDEN_SMTP"] else { return nil }
        let parts = address.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]) else { throw ValidationError("--smtp: expected host:port") }
        var credentials: SMTPCredentials?
        if let smtpUser {
            guard let smtpPasswordFile else { throw ValidationError("--smtp-user needs --smtp-password-file") }
            credentials = SMTPCredentials(username: smtpUser, password: try SecretFile.firstLine(of: smtpPasswordFile, what: "relay password"))
        }
        if let smtpRate, !(smtpRate > 0) { throw ValidationError("--smtp-rate: more than zero messages a second") }
        return SMTPRelay(
            host: String(parts[0]), port: port, sender: mailFrom, dkimSigners: try signers(),
            tls: smtpTLS.mode,
            trustRoots: smtpCA.map { .certificateFile(path: $0) } ?? .system, credentials: credentials, messagesPerSecond: smtpRate)
    }

    /// One signer per `--dkim SELECTOR=PEMFILE`.
    func signers() throws -> [DKIMSigner] {
        let domain = dkimDomain ?? String(mailFrom.split(separator: "@").last ?? "")
        return try dkim.map { entry in
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("--dkim: expected SELECTOR=PEMFILE") }
            guard let pem = try? String(contentsOfFile: String(parts[1]), encoding: .utf8) else {
                throw ValidationError("--dkim: \(parts[1]): cannot read the key file")
            }
            do {
                return try DKIMSigner(domain: domain, selector: String(parts[0]), privateKeyPEM: pem)
            } catch {
                throw ValidationError("--dkim: \(parts[1]): \(error)")
            }
        }
    }
}
