import Testing

@testable import WardenMail

/// The DNS-name match that backs up NIOSSL's host name check (RFC 6125 §6.4).
@Suite struct CertificateHostnameTests {
    @Test(arguments: [
        ("smtp.provider.example", "smtp.provider.example"),
        ("SMTP.Provider.Example", "smtp.provider.example"),
        ("smtp.provider.example.", "smtp.provider.example"),
        ("smtp.provider.example", "smtp.provider.example."),
        ("*.provider.example", "smtp.provider.example"),
        ("*.Provider.Example", "SMTP.provider.example"),
    ])
    func matches(pattern: String, hostname: String) {
        #expect(CertificateHostname.matches(pattern, hostname: hostname))
    }

    @Test(arguments: [
        ("mail.example.org", "localhost"),
        ("smtp.provider.example", "provider.example"),
        ("*.provider.example", "provider.example"),  // the wildcard is one whole label
        ("*.provider.example", "a.smtp.provider.example"),  // and only one
        ("*.example", "provider.example"),  // not for a top-level domain
        ("*", "localhost"),
        ("s*.provider.example", "smtp.provider.example"),  // no partial-label wildcards
        ("*.*.example", "a.b.example"),
        ("", ""),
    ])
    func doesNotMatch(pattern: String, hostname: String) {
        #expect(!CertificateHostname.matches(pattern, hostname: hostname))
    }
}
