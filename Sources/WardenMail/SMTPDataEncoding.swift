/// Turns a rendered message into the bytes sent after `DATA` (RFC 5321 §4.5.2).
///
/// The end of the message is a line holding a single `.`, so any line of the message that starts
/// with `.` gets a second `.` (the relay removes it again). Without this a body line `.` would
/// end the message early and the rest would be read as SMTP commands.
enum SMTPDataEncoding {
    /// Dot-stuffs `message`, makes every line end in CRLF and appends the terminating `.` line.
    static func payload(for message: String) -> String {
        var lines = message.split(separator: "\r\n", omittingEmptySubsequences: false)
        // A message ending in CRLF yields a final empty piece that is not a line of its own.
        if lines.last?.isEmpty == true { lines.removeLast() }
        var output = ""
        output.reserveCapacity(message.utf8.count + 8)
        for line in lines {
            if line.hasPrefix(".") { output += "." }
            output += line
            output += "\r\n"
        }
        output += ".\r\n"
        return output
    }
}
