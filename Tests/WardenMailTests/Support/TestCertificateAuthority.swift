import Foundation
import WardenTestSupport

/// A throwaway certificate authority made with the `openssl` CLI in a temporary directory, and
/// server certificates it signs: so the TLS tests verify a real chain and a real host name
/// instead of switching verification off.
struct TestCertificateAuthority {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A server certificate and its key, as PEM files.
    struct ServerCertificate {
        var certificatePath: String
        var keyPath: String
    }

    let directory: URL
    /// The CA certificate (PEM): what the relay is told to trust.
    var certificatePath: String { directory.appendingPathComponent("ca.pem").path }
    private var keyPath: String { directory.appendingPathComponent("ca.key").path }

    /// Creates the CA (P-256, valid for two days).
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-test-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", keyPath, "-out", certificatePath, "-days", "2", "-subj", "/CN=Warden Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }

    /// Issues a server certificate for `dnsName`, and for `ipAddress` as well when given.
    func issue(for dnsName: String, ipAddress: String? = nil) throws -> ServerCertificate {
        let base = directory.appendingPathComponent("\(dnsName)-\(UUID().uuidString)").path
        let extensions = base + ".ext"
        try """
            subjectAltName=DNS:\(dnsName)\(ipAddress.map { ",IP:\($0)" } ?? "")
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth
            """.write(toFile: extensions, atomically: true, encoding: .utf8)
        try Self.openssl([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", base + ".key", "-out", base + ".csr", "-subj", "/CN=\(dnsName)",
        ])
        try Self.openssl([
            "x509", "-req", "-in", base + ".csr", "-CA", certificatePath, "-CAkey", keyPath, "-CAcreateserial",
            "-out", base + ".pem", "-days", "2", "-extfile", extensions,
        ])
        return ServerCertificate(certificatePath: base + ".pem", keyPath: base + ".key")
    }

    /// Deletes the directory with every key in it.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func openssl(_ arguments: [String]) throws {
        let (status, output) = try Command.run("/usr/bin/env", ["openssl"] + arguments)
        guard status == 0 else { throw Failure(description: "openssl \(arguments[0]) failed: \(output)") }
    }
}
