import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection to the server on loopback, for behaving the way slow and idle
/// clients do, byte by byte, which an HTTP client library will not.
final class RawConnection: @unchecked Sendable {
    private let socketDescriptor: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socketDescriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socketDescriptor >= 0 else { throw ConnectionError("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socketDescriptor)
            throw ConnectionError("connect")
        }
    }

    private var isOpen = true

    deinit { hangUp() }

    /// Closes the connection from the client's side.
    func hangUp() {
        if isOpen { close(socketDescriptor) }
        isOpen = false
    }

    struct ConnectionError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Sends `text`; false when the server has already closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        return bytes.withUnsafeBytes { sendBytes(socketDescriptor, $0.baseAddress, bytes.count, flags) } == bytes.count
    }

    /// Reads for up to `seconds`, or until the text ends with `until`: what arrived, and
    /// whether the server closed the connection.
    func read(for seconds: Double, until: String? = nil) -> (text: String, closed: Bool) {
        var received = [UInt8]()
        let end = Date().addingTimeInterval(seconds)
        while true {
            let left = end.timeIntervalSinceNow
            if left <= 0 { return (String(decoding: received, as: UTF8.self), false) }
            var descriptor = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(left * 1000) + 1)
            if ready <= 0 { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, 4096, 0) }
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
            received += buffer[0..<count]
            if let until, String(decoding: received, as: UTF8.self).hasSuffix(until) {
                return (String(decoding: received, as: UTF8.self), false)
            }
        }
    }

    /// Reads off the cooperative thread pool, so a blocked read does not hold up the server.
    func readAsync(for seconds: Double, until: String? = nil) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.read(for: seconds, until: until)) }
        }
    }
}

#if canImport(Glibc)
private let sendBytes = Glibc.send
#else
private let sendBytes = Darwin.send
#endif
