/// A small deterministic random generator (SplitMix64): the same seed gives the same numbers.
///
/// The demo draws its synthetic constituency from one, so every demo database is the same. A
/// count draws any tie the rules leave to lot from one seeded before the count, so a recount
/// with that seed draws the same way and nobody can choose the draw once the ballots are in.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
