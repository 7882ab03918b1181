#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ServerOptions {
    /// Refuses, with a sentence saying what to do, when the address cannot be listened on (a
    /// port another server holds, an address this machine does not have), before anything
    /// slow starts and before "Serving Warden at …" is printed. The server binds again for
    /// real a moment later; this check only makes the common mistake plain.
    func requireListenable() throws {
        var address = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if host.contains(":") {
            var ip6 = sockaddr_in6()
            ip6.sin6_family = sa_family_t(AF_INET6)
            ip6.sin6_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET6, host, &ip6.sin6_addr) == 1 else { return }
            withUnsafeBytes(of: ip6) { bytes in withUnsafeMutableBytes(of: &address) { $0.copyMemory(from: bytes) } }
            (length, family) = (socklen_t(MemoryLayout<sockaddr_in6>.size), AF_INET6)
        } else {
            var ip4 = sockaddr_in()
            ip4.sin_family = sa_family_t(AF_INET)
            ip4.sin_port = in_port_t(UInt16(port).bigEndian)
            // A host name, not an address: leave it to the server to resolve.
            guard inet_pton(AF_INET, host, &ip4.sin_addr) == 1 else { return }
            withUnsafeBytes(of: ip4) { bytes in withUnsafeMutableBytes(of: &address) { $0.copyMemory(from: bytes) } }
            (length, family) = (socklen_t(MemoryLayout<sockaddr_in>.size), AF_INET)
        }
        #if canImport(Glibc)
        let probe = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let probe = socket(family, SOCK_STREAM, 0)
        #endif
        guard probe >= 0 else { return }
        defer { close(probe) }
        var reuse: Int32 = 1
        setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) } }
        guard bound != 0 else { return }
        switch errno {
        case EADDRINUSE:
            throw CLIError(description: "port \(port) on \(host) is in use: another server (perhaps another Warden) is listening there; stop it, or choose another with --port")
        case EADDRNOTAVAIL:
            throw CLIError(description: "\(host) is not an address of this machine; choose another with --host")
        case EACCES:
            throw CLIError(description: "port \(port) needs privileges to listen on; choose one above 1023 with --port")
        default:
            return
        }
    }
}
