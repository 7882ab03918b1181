/// The secret Prometheus presents as `Authorization: Bearer TOKEN` to read `/metrics`.
///
/// Compared in time that depends only on the configured token's length, so a client cannot
/// find it a byte at a time by timing refusals.
struct MetricsToken: Sendable {
    private let expected: [UInt8]

    /// `nil` for an empty token: an empty secret would admit anyone who sends `Bearer `.
    init?(_ token: String?) {
        guard let token, !token.isEmpty else { return nil }
        expected = Array(token.utf8)
    }

    /// Whether an `Authorization` header value carries this token.
    func admits(_ authorization: String?) -> Bool {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else { return false }
        let given = Array(authorization.utf8.dropFirst(7))
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
