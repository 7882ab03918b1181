import NIOSSL

/// Whether the relay's certificate names its host name, checked after NIOSSL's own verification.
///
/// NIOSSL accepts a certificate when any of its IP address names matches the address the socket
/// connected to, even when a host name was given. Then whoever can make the relay's name resolve
/// to an address they hold a trusted certificate for (by spoofing DNS; public CAs issue
/// certificates for IP addresses) would pass as the relay. So when the relay is configured by
/// name, the certificate must also carry that name as a DNS subject alternative name, as
/// RFC 6125 requires; the subject's common name does not count.
enum CertificateHostname {
    /// Whether `certificate` has a DNS name matching `hostname`.
    static func certificate(_ certificate: NIOSSLCertificate, names hostname: String) -> Bool {
        certificate._subjectAlternativeNames().contains { name in
            guard name.nameType == .dnsName else { return false }
            let pattern = name.contents.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
            return matches(pattern, hostname: hostname)
        }
    }

    /// RFC 6125 §6.4: equal ignoring ASCII case and a trailing dot, or a wildcard `*.` standing
    /// for exactly one whole leftmost label of a name with at least two more labels.
    static func matches(_ pattern: String, hostname: String) -> Bool {
        let pattern = normalized(pattern)
        let hostname = normalized(hostname)
        guard !pattern.isEmpty, !hostname.isEmpty else { return false }
        guard pattern.hasPrefix("*.") else { return pattern == hostname }
        let parent = pattern.dropFirst(2)
        guard parent.contains("."), !parent.contains("*"),
            let firstDot = hostname.firstIndex(of: "."), firstDot != hostname.startIndex
        else { return false }
        return hostname[hostname.index(after: firstDot)...] == parent
    }

    private static func normalized(_ name: String) -> String {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".") ? String(lowered.dropLast()) : lowered
    }
}
