/// How much of the relay's plaintext the line decoder has taken in: the lines it passed on and
/// the bytes of an unfinished line it still holds.
///
/// After the relay's `220` to `STARTTLS`, the client must have read every line decoded so far and
/// the decoder must hold nothing; otherwise the relay (or someone on the path) sent more in the
/// clear, which would later be read as replies that came through TLS — the response injection of
/// CVE-2011-0411 (RFC 3207 §6). ``SMTPClient`` checks this on the event loop in the same step as
/// it puts TLS in front of the decoder, so no byte can slip in between.
struct SMTPLineTally: Sendable, Hashable {
    /// Lines passed on to the client since the connection opened.
    var linesDecoded = 0
    /// Bytes of an unfinished line held by the decoder.
    var bufferedBytes = 0

    /// Whether anything arrived that the client has not read, when it has read `linesRead` lines.
    func hasUnreadInput(linesRead: Int) -> Bool {
        linesDecoded > linesRead || bufferedBytes > 0
    }
}
