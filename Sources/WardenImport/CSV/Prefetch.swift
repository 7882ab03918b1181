import Foundation
public import WardenCore

/// Parses an import file on a thread of its own while the caller writes what was parsed.
///
/// Reading and checking a register row costs about as much as storing it, and the server
/// has two cores: with the parser a batch ahead, an import uses both. The file is handed over
/// whole to the parsing thread, which alone touches it from then on; batches travel through
/// a small bounded buffer, so memory stays at a few batches whatever the file's size. If the
/// caller stops early (an error), dropping the sequence stops the parser.
public final class Prefetch<Value: Sendable>: Sequence, IteratorProtocol {
    private let channel: Channel
    private var current: [ImportLine<Value>] = []
    private var position = 0
    /// Bytes of the file parsed so far, as of the batch being consumed.
    public private(set) var bytesRead = 0

    /// Starts parsing `file` at once, `batchSize` lines at a time, at most `depth` batches ahead.
    public init(_ file: ImportFile<Value>, batchSize: Int = 1_024, depth: Int = 4) {
        let channel = Channel(depth: depth)
        self.channel = channel
        let handoff = Handoff(file)
        let thread = Thread {
            var batch: [ImportLine<Value>] = []
            batch.reserveCapacity(batchSize)
            while let line = handoff.file.next() {
                batch.append(line)
                if batch.count == batchSize {
                    guard channel.push(batch, bytesRead: handoff.file.reader.bytesRead) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            _ = channel.push(batch, bytesRead: handoff.file.reader.bytesRead)
            channel.finish()
        }
        thread.name = "warden.import.parse"
        thread.start()
    }

    deinit {
        channel.cancel()
    }

    public func next() -> ImportLine<Value>? {
        if position == current.count {
            guard let batch = channel.pop() else { return nil }
            current = batch.lines
            bytesRead = batch.bytesRead
            position = 0
            if current.isEmpty { return next() }
        }
        defer { position += 1 }
        return current[position]
    }

    /// Holds the file while it moves to the parsing thread, its only user from then on.
    private final class Handoff: @unchecked Sendable {
        let file: ImportFile<Value>
        init(_ file: ImportFile<Value>) { self.file = file }
    }

    /// The bounded buffer between the parsing thread and the consumer; every field is
    /// guarded by `condition`.
    private final class Channel: @unchecked Sendable {
        struct Batch {
            var lines: [ImportLine<Value>]
            var bytesRead: Int
        }

        private let condition = NSCondition()
        private let depth: Int
        private var ready: [Batch] = []
        private var finished = false
        private var cancelled = false

        init(depth: Int) { self.depth = depth }

        /// Waits for room, then queues a batch; false when the consumer has gone.
        func push(_ lines: [ImportLine<Value>], bytesRead: Int) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while ready.count >= depth && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            ready.append(Batch(lines: lines, bytesRead: bytesRead))
            condition.broadcast()
            return true
        }

        /// The next batch, or `nil` once the file is done.
        func pop() -> Batch? {
            condition.lock()
            defer { condition.unlock() }
            while ready.isEmpty && !finished { condition.wait() }
            guard !ready.isEmpty else { return nil }
            condition.broadcast()
            return ready.removeFirst()
        }

        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
