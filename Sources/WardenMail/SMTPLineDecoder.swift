import NIOCore

/// Splits the relay's byte stream into reply lines (without CR LF).
///
/// A small decoder of our own instead of swift-nio-extras' `LineBasedFrameDecoder`, so the module
/// depends on swift-nio alone, and so an overlong line is refused instead of buffered without
/// bound (RFC 5321 §4.5.3.1.5 allows 512 octets; we allow generous slack).
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    /// Thrown when a line exceeds ``maximumLineLength``.
    struct LineTooLong: Error, Hashable {}

    let maximumLineLength: Int
    /// Kept up to date on the event loop, for the check at `STARTTLS` (see ``SMTPLineTally``).
    let tally: NIOLoopBoundBox<SMTPLineTally>

    init(tally: NIOLoopBoundBox<SMTPLineTally>, maximumLineLength: Int = 4096) {
        self.tally = tally
        self.maximumLineLength = maximumLineLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLineLength { throw LineTooLong() }
            tally.value.bufferedBytes = buffer.readableBytes
            return .needMoreData
        }
        let length = newline - view.startIndex
        guard length <= maximumLineLength + 1 else { throw LineTooLong() }
        guard var bytes = buffer.readBytes(length: length + 1) else { return .needMoreData }
        bytes.removeLast()  // LF
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        tally.value.linesDecoded += 1
        tally.value.bufferedBytes = buffer.readableBytes
        context.fireChannelRead(Self.wrapInboundOut(String(decoding: bytes, as: UTF8.self)))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // A partial line at EOF is not a reply; drop it.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
