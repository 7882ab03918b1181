/// Random bytes for salts, nonces and file keys.
///
/// `SystemRandomNumberGenerator` draws from the operating system's CSPRNG (`getrandom` on
/// Linux, `arc4random` on Apple platforms), which is what every secret in age needs.
enum SecureRandom {
    static func bytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
