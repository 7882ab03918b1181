import Hummingbird

/// How every cookie Warden sets is made: unreadable by scripts, never sent cross-site, and
/// over HTTPS only when the server is configured to say so (it is behind TLS).
struct CookiePolicy: Sendable {
    let secure: Bool

    /// A cookie with `value` for `maxAge` seconds under `path`; a `maxAge` of 0 removes it.
    func cookie(_ name: String, _ value: String, maxAge: Int, path: String) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }
}
