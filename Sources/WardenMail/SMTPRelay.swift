/// Where and how Warden hands its mail over: an SMTP relay (MTA) that does the actual delivery.
///
/// Warden does not deliver to members' mail servers itself; it submits every message to one
/// relay — a local MTA, or the party's mail provider — which handles MX lookup and queueing.
/// Warden signs with DKIM itself (``dkimSigners``) so the signature holds whichever relay carries
/// the mail.
///
/// A provider across the internet needs ``TLSMode/startTLS`` (or ``TLSMode/implicit``) and
/// ``credentials``. ``TLSMode/none`` sends members' addresses and messages in the clear: use it
/// only for a relay on the same host or a trusted private network, and credentials are refused
/// without TLS unless the relay is on loopback and ``allowsPlaintextAuthenticationOnLoopback``
/// says so.
public struct SMTPRelay: Sendable, Hashable {
    /// How the connection to the relay is protected.
    public enum TLSMode: Sendable, Hashable {
        /// No TLS: only for a relay on loopback or a trusted private network.
        case none
        /// A plain connection upgraded with `STARTTLS` (RFC 3207), usually on port 587. Nothing
        /// is sent when the relay does not offer it or the handshake fails, so an attacker who
        /// strips the offer gains nothing.
        case startTLS
        /// TLS from the first byte (RFC 8314), usually on port 465.
        case implicit
    }

    /// The certificate authorities the relay's certificate must chain to. The certificate must
    /// also name ``SMTPRelay/host`` (or, for an IP address, carry it).
    public enum TrustRoots: Sendable, Hashable {
        /// The system's trust store: for a provider with a public certificate.
        case system
        /// The CA certificates in this PEM file: for a private relay with its own CA.
        case certificateFile(path: String)
    }

    /// The relay's host name or IP address.
    public var host: String
    /// The relay's port; 25 by default (a local MTA's plain SMTP port).
    public var port: Int
    /// The name announced in `EHLO`/`HELO`; relays log it and some check it.
    public var heloName: String
    /// The sender address: the `From` header, and the envelope `MAIL FROM` (where bounces go)
    /// of messages without their own ``MailMessage/envelopeSender``.
    public var sender: String
    /// The limit for connecting and for each step of the session (each command and its reply,
    /// the TLS handshake, and the message data and its reply), so a stalled relay cannot hold an
    /// outbox worker forever.
    public var timeout: Duration
    /// The DKIM signers every message is signed with after rendering, in order; empty for no
    /// signature (a local relay that signs itself). RFC 8463 recommends an Ed25519 and an RSA
    /// signer side by side.
    public var dkimSigners: [DKIMSigner]
    /// How the connection is protected; ``TLSMode/none`` by default.
    public var tls: TLSMode
    /// What the relay's certificate must chain to when ``tls`` is not ``TLSMode/none``.
    public var trustRoots: TrustRoots
    /// The account to `AUTH` with, or `nil` for a relay that accepts Warden's mail without.
    public var credentials: SMTPCredentials?
    /// Allows sending ``credentials`` without TLS, to a relay on loopback only (`localhost`,
    /// `127.0.0.0/8`, `::1`): a local submission port. Ignored for any other host.
    public var allowsPlaintextAuthenticationOnLoopback: Bool
    /// The most messages per second to submit to this relay (providers throttle or block
    /// senders above their limit), or `nil` for no limit. Share one ``SMTPRateLimiter`` made
    /// from it between all tasks sending through the relay.
    public var messagesPerSecond: Double?

    /// Creates a relay configuration.
    /// - Parameters:
    ///   - host: The relay's host name or IP address.
    ///   - port: The relay's port (default 25).
    ///   - heloName: The name announced in `EHLO`/`HELO` (default `warden.localhost`).
    ///   - sender: The `From` address and default envelope sender.
    ///   - timeout: The connect and per-step timeout (default 30 seconds).
    ///   - dkimSigners: The DKIM signers (default none).
    ///   - tls: How the connection is protected (default none).
    ///   - trustRoots: The CAs for the relay's certificate (default the system's).
    ///   - credentials: The account for `AUTH` (default none).
    ///   - allowsPlaintextAuthenticationOnLoopback: Allow `AUTH` without TLS on loopback
    ///     (default no).
    ///   - messagesPerSecond: The submission rate limit (default none).
    public init(
        host: String,
        port: Int = 25,
        heloName: String = "warden.localhost",
        sender: String,
        timeout: Duration = .seconds(30),
        dkimSigners: [DKIMSigner] = [],
        tls: TLSMode = .none,
        trustRoots: TrustRoots = .system,
        credentials: SMTPCredentials? = nil,
        allowsPlaintextAuthenticationOnLoopback: Bool = false,
        messagesPerSecond: Double? = nil
    ) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.sender = sender
        self.timeout = timeout
        self.dkimSigners = dkimSigners
        self.tls = tls
        self.trustRoots = trustRoots
        self.credentials = credentials
        self.allowsPlaintextAuthenticationOnLoopback = allowsPlaintextAuthenticationOnLoopback
        self.messagesPerSecond = messagesPerSecond
    }

    /// Whether ``host`` names this machine, so nothing sent to it crosses a network.
    var isLoopback: Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Why this configuration must not be used, or `nil`: credentials go only through TLS, or to
    /// loopback when explicitly allowed.
    var configurationError: SMTPError? {
        if credentials != nil, tls == .none, !(allowsPlaintextAuthenticationOnLoopback && isLoopback) {
            return SMTPError(stage: .preparing, reason: .credentialsWithoutTLS)
        }
        return nil
    }
}
