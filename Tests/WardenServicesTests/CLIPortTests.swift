import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

extension CLITests {
    /// A port another program listens on: the demo and the server say so in a sentence and
    /// stop, before creating anything or claiming to serve.
    @Test func aPortInUseIsSaidPlainlyBeforeAnythingStarts() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        #expect(bound == 0 && listen(listener, 1) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))

        let directory = try scratch()
        let demo = try warden(["demo", "--port", String(port)], in: directory)
        #expect(demo.status != 0)
        #expect(demo.errors.contains("port \(port) on 127.0.0.1 is in use"), "\(demo.errors)")
        #expect(!demo.output.contains("Serving"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("warden-demo.sqlite").path), "nothing created")
        let serve = try warden(["serve", "--port", String(port)], in: directory)
        #expect(serve.status != 0 && serve.errors.contains("is in use"))
    }
}
