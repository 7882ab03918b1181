/// A message or MIME body part (RFC 2045/2046) as far as reading reports needs: its header, its
/// media type, its body lines, the parts of a multipart and the decoded body of a leaf.
struct MIMEEntity: Sendable {
    /// Deeper nesting than any report has is refused, so hostile mail cannot exhaust the stack.
    static let maximumDepth = 8

    var headers: HeaderFields
    /// `text/plain` when the part has no (readable) `Content-Type`.
    var mediaType: MediaType
    /// The body's lines, without line breaks.
    var body: ArraySlice<Substring>

    /// Reads an entity from its lines: the header up to the first empty line, then the body.
    init(lines: ArraySlice<Substring>) {
        let blank = lines.firstIndex { $0.isEmpty } ?? lines.endIndex
        headers = HeaderFields(lines: lines[..<blank])
        mediaType = headers.first("Content-Type").flatMap(MediaType.init) ?? .plainText
        body = blank < lines.endIndex ? lines[(blank + 1)...] : lines[lines.endIndex...]
    }

    /// The parts of a multipart entity, between the `--boundary` delimiter lines (RFC 2046
    /// §5.1.1). A missing closing delimiter is forgiven: the last part runs to the end.
    func parts() throws(MailReportError) -> [MIMEEntity] {
        guard let boundary = mediaType.parameters["boundary"], !boundary.isEmpty else { throw .noBoundary }
        let delimiter = "--" + boundary
        let closing = delimiter + "--"
        var parts: [MIMEEntity] = []
        var start: Int?
        for index in body.indices {
            // Delimiters may carry trailing whitespace (transport padding).
            let line = body[index].trimmingWhitespace()
            guard line == delimiter || line == closing else { continue }
            if let start { parts.append(MIMEEntity(lines: body[start..<index])) }
            if line == closing { return try nonEmpty(parts) }
            start = index + 1
        }
        if let start { parts.append(MIMEEntity(lines: body[start...])) }
        return try nonEmpty(parts)
    }

    private func nonEmpty(_ parts: [MIMEEntity]) throws(MailReportError) -> [MIMEEntity] {
        guard !parts.isEmpty else { throw .malformedPart }
        return parts
    }

    /// The body with its transfer encoding undone, as lines.
    func decodedBody() throws(MailReportError) -> [Substring] {
        let text = body.joined(separator: "\n")
        guard let decoded = TransferDecoding.decode(text, encoding: headers.first("Content-Transfer-Encoding")) else {
            throw .malformedPart
        }
        return LineBreaks.lines(decoded)
    }

    /// This entity and, depth first, every part of a multipart inside it, but not what is inside
    /// an attached message (`message/rfc822`): a report about a report must not be read as one.
    func flattened(depth: Int = 0) throws(MailReportError) -> [MIMEEntity] {
        guard depth <= Self.maximumDepth else { throw .malformedPart }
        guard mediaType.type == "multipart" else { return [self] }
        var entities = [self]
        for part in try parts() {
            entities += try part.flattened(depth: depth + 1)
        }
        return entities
    }
}
