import WardenCore

/// A POSIX ustar archive of a few small files, built in memory: what `tar -x` unpacks on any
/// system, so a requester needs nothing of Warden's to open their package.
struct TarArchive {
    private(set) var bytes: [UInt8] = []

    /// Adds a regular file, mode 0600, owned by nobody in particular, dated `modified`.
    mutating func add(_ name: String, _ contents: [UInt8], modified: Timestamp) {
        var header = [UInt8](repeating: 0, count: 512)
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
        octal(Int64(contents.count), at: 124, width: 12)
        octal(modified.secondsSince1970, at: 136, width: 12)
        put("        ", at: 148, width: 8)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let checksum = header.reduce(0) { $0 + Int64($1) }
        octal(checksum, at: 148, width: 7)
        header[155] = UInt8(ascii: " ")
        bytes += header
        bytes += contents
        bytes += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
    }

    /// The archive, closed with its two empty blocks.
    var finished: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }
}
