import Dispatch
import NIOCore
import PostgresNIO
import Synchronization

extension PostgresSession {
    /// `COPY table (columns) FROM STDIN` of the rows `produce` emits: PostgreSQL's bulk path,
    /// several times faster than inserting row by row. `produce` runs on the calling thread
    /// (rows may stream from a reader that cannot cross threads); they are sent in chunks of
    /// about `chunkBytes` as they come, one chunk in flight at a time. Returns how many rows
    /// were copied. Inside the session's transaction like any statement: nothing is kept if it
    /// rolls back, and a failure on either side ends the copy and is thrown here.
    @discardableResult
    func copy(into table: String, columns: [String], chunkBytes: Int = 1 << 18,
              _ produce: (_ emit: ([SQLValue]) throws -> Void) throws -> Void) throws -> Int {
        let pump = CopyPump()
        let (connection, logger) = (connection, logger)
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Void, any Error>>(.success(()))
        Task(executorPreference: DispatchTaskExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    for await chunk in pump.chunks {
                        try await writer.write(chunk)
                        pump.written.signal()
                    }
                }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            pump.stop()
            finished.signal()
        }
        var count = 0
        var buffer = ByteBuffer()
        buffer.reserveCapacity(chunkBytes + 4096)
        let produced = Result<Void, any Error> {
            try produce { row in
                CopyText.append(row, to: &buffer)
                count += 1
                if buffer.readableBytes >= chunkBytes {
                    try pump.send(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try pump.send(buffer) }
        }
        pump.finish()
        finished.wait()
        // The server's reason first: a producer stopped by a failed copy only knows it stopped.
        try outcome.withLock { $0 }.get()
        try produced.get()
        return count
    }
}

/// Hands chunks from the producing thread to the copying task, one at a time.
private final class CopyPump: Sendable {
    let chunks: AsyncStream<ByteBuffer>
    private let continuation: AsyncStream<ByteBuffer>.Continuation
    let written = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)

    init() {
        (chunks, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
    }

    /// Sends `chunk` and waits until it is written; throws when the copy has ended early.
    func send(_ chunk: ByteBuffer) throws {
        guard !stopped.load(ordering: .acquiring) else { throw CopyStopped() }
        continuation.yield(chunk)
        written.wait()
        guard !stopped.load(ordering: .acquiring) else { throw CopyStopped() }
    }

    func finish() {
        continuation.finish()
    }

    /// The copy ended (done or failed): nothing more is written, and a waiting sender goes on.
    func stop() {
        stopped.store(true, ordering: .releasing)
        written.signal()
    }
}

/// What a producer is told when the copy it feeds has failed on the server's side.
private struct CopyStopped: Error {}

/// PostgreSQL's `COPY` text format: columns separated by tabs, rows by newlines, `\N` for
/// null, backslash escapes in text, and bytes as `\\x` hex.
enum CopyText {
    static func append(_ row: [SQLValue], to buffer: inout ByteBuffer) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null: buffer.writeStaticString("\\N")
            case .integer(let integer): buffer.writeString(String(integer))
            case .boolean(let flag): buffer.writeStaticString(flag ? "1" : "0")
            case .text(let text): appendEscaped(text, to: &buffer)
            case .blob(let bytes):
                buffer.writeStaticString("\\\\x")
                for byte in bytes {
                    buffer.writeInteger(hex[Int(byte >> 4)])
                    buffer.writeInteger(hex[Int(byte & 0x0F)])
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func appendEscaped(_ text: String, to buffer: inout ByteBuffer) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
