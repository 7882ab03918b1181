import WardenCore

/// POSIX ustar archives: what `tar -x` unpacks on any system, so a requester or a party needs
/// nothing of Warden's to open a subject access package or a backup.
enum Tar {
    static let blockSize = 512
    /// The two empty blocks that close an archive.
    static let end = [UInt8](repeating: 0, count: 1024)
    /// The largest size the header's 11 octal digits hold; larger ones are written in base 256,
    /// as GNU and BSD tar do.
    static let largestOctalSize: Int64 = 0o77777777777

    /// The header of a regular file, mode 0600, owned by nobody in particular, dated `modified`.
    static func header(name: String, size: Int64, modified: Timestamp) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: blockSize)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int64, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(0o600, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        if size <= largestOctalSize {
            octal(size, at: 124, width: 12)
        } else {
            header[124] = 0x80
            for index in 0..<8 { header[135 - index] = UInt8(truncatingIfNeeded: size >> (8 * index)) }
        }
        octal(modified.secondsSince1970, at: 136, width: 12)
        put("        ", at: 148, width: 8)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let checksum = header.reduce(0) { $0 + Int64($1) }
        octal(checksum, at: 148, width: 7)
        header[155] = UInt8(ascii: " ")
        return header
    }

    /// The zeros that fill a file's last block.
    static func padding(after size: Int64) -> [UInt8] {
        [UInt8](repeating: 0, count: Int((Int64(blockSize) - size % Int64(blockSize)) % Int64(blockSize)))
    }

    /// A header's name and size, or `nil` for an empty block (the archive's end); throws for a
    /// header whose checksum does not hold or that is not a regular file.
    static func parse(header: ArraySlice<UInt8>) throws -> (name: String, size: Int64)? {
        let header = Array(header)
        guard header.contains(where: { $0 != 0 }) else { return nil }
        func field(_ offset: Int, _ width: Int) -> String {
            String(decoding: header[offset..<(offset + width)].prefix { $0 != 0 }, as: UTF8.self)
                .trimmingCharacters(in: " ")
        }
        var blank = header
        for index in 148..<156 { blank[index] = UInt8(ascii: " ") }
        guard Int64(field(148, 8), radix: 8) == blank.reduce(0, { $0 + Int64($1) }) else { throw TarError.badHeader }
        guard header[156] == UInt8(ascii: "0") || header[156] == 0 else { throw TarError.notAFile(field(0, 100)) }
        let size: Int64?
        if header[124] == 0x80 {
            size = header[128..<136].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        } else {
            size = Int64(field(124, 12), radix: 8)
        }
        guard let size, size >= 0 else { throw TarError.badHeader }
        return (field(0, 100), size)
    }
}

/// Why an archive could not be read.
enum TarError: Error, Equatable {
    case badHeader
    case notAFile(String)
    case truncated
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}

/// An archive of a few small files, built in memory.
struct TarArchive {
    private(set) var bytes: [UInt8] = []

    mutating func add(_ name: String, _ contents: [UInt8], modified: Timestamp) {
        bytes += Tar.header(name: name, size: Int64(contents.count), modified: modified)
        bytes += contents
        bytes += Tar.padding(after: Int64(contents.count))
    }

    /// The archive, closed with its two empty blocks.
    var finished: [UInt8] { bytes + Tar.end }
}

/// Reads an archive as it arrives, a piece at a time, handing each file's contents on in
/// pieces too: a backup's database is larger than memory should hold.
struct TarReader {
    private enum State {
        case header
        case contents(name: String, remaining: Int64, padding: Int)
        case padding(Int)
        case ended
    }

    private var state = State.header
    private var pending: [UInt8] = []

    /// Feeds `bytes`: `file` is called at each file's start with its name and size, `contents`
    /// with each piece of it.
    mutating func consume(_ bytes: some Collection<UInt8>, file: (String, Int64) throws -> Void,
                          contents: (ArraySlice<UInt8>) throws -> Void) throws {
        pending.append(contentsOf: bytes)
        var offset = 0
        defer { pending.removeFirst(offset) }
        while offset < pending.count {
            switch state {
            case .ended:
                // Only the zeros tar pads an archive's last record with may follow its end.
                guard pending[offset...].allSatisfy({ $0 == 0 }) else { throw TarError.badHeader }
                offset = pending.count
            case .header:
                guard pending.count - offset >= Tar.blockSize else { return }
                let block = pending[offset..<(offset + Tar.blockSize)]
                offset += Tar.blockSize
                guard let (name, size) = try Tar.parse(header: block) else {
                    state = .ended
                    continue
                }
                try file(name, size)
                state = .contents(name: name, remaining: size, padding: Tar.padding(after: size).count)
            case .contents(let name, let remaining, let padding):
                if remaining == 0 {
                    state = .padding(padding)
                    continue
                }
                let take = Int(min(Int64(pending.count - offset), remaining))
                try contents(pending[offset..<(offset + take)])
                offset += take
                state = .contents(name: name, remaining: remaining - Int64(take), padding: padding)
            case .padding(let left):
                let take = min(left, pending.count - offset)
                offset += take
                state = left - take == 0 ? .header : .padding(left - take)
            }
        }
    }

    /// Throws unless the archive ended where a file's contents did not.
    func finish() throws {
        switch state {
        case .header, .ended: return
        case .contents, .padding: throw TarError.truncated
        }
    }
}
