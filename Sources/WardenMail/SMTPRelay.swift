/// Where and how Warden hands its mail over: an SMTP relay (MTA) that does the actual delivery.
///
/// Warden does not deliver to members' mail servers itself; it submits every message to one
/// relay, which handles MX lookup, queueing, DKIM and bounces.
///
/// - Important: This client speaks plain SMTP only: it does **not** do STARTTLS or AUTH. The
///   relay is expected to run on the same host (e.g. a local Postfix on `127.0.0.1`) or on a
///   trusted private network that accepts mail from Warden without authentication. Do not point
///   it at a relay across the internet: the messages (and members' addresses) would travel in the
///   clear.
public struct SMTPRelay: Sendable, Hashable {
    /// The relay's host name or IP address.
    public var host: String
    /// The relay's port; 25 by default (a local MTA's plain SMTP port).
    public var port: Int
    /// The name announced in `EHLO`/`HELO`; relays log it and some check it.
    public var heloName: String
    /// The sender address: used both as the envelope `MAIL FROM` (where bounces go) and as the
    /// `From` header.
    public var sender: String
    /// The limit for connecting and for each step of the session (each command and its reply,
    /// and the message data and its reply), so a stalled relay cannot hold an outbox worker
    /// forever.
    public var timeout: Duration

    /// Creates a relay configuration.
    /// - Parameters:
    ///   - host: The relay's host name or IP address.
    ///   - port: The relay's port (default 25).
    ///   - heloName: The name announced in `EHLO`/`HELO` (default `warden.localhost`).
    ///   - sender: The envelope sender and `From` address.
    ///   - timeout: The connect and per-step timeout (default 30 seconds).
    public init(
        host: String,
        port: Int = 25,
        heloName: String = "warden.localhost",
        sender: String,
        timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.sender = sender
        self.timeout = timeout
    }
}
