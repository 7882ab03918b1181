/// Spots reading patterns that look like someone taking the data rather than doing a job,
/// so the DPO hears of it before the read budget runs out.
public enum EnumerationDetector {
    /// How many of an account's most recent single-person reads the detector looks at.
    public static let window = 20

    /// Whether recent single-person reads (oldest first) walk through identifiers: at least
    /// ``window`` reads, each of a person with a higher id than the last, by small steps.
    public static func isWalkingIdentifiers(_ recent: [PersonID]) -> Bool {
        guard recent.count >= window else { return false }
        let tail = recent.suffix(window).map(\.rawValue)
        return zip(tail, tail.dropFirst()).allSatisfy { previous, next in (1...5).contains(next - previous) }
    }

    /// Searches in ten minutes beyond what a person at a desk would make.
    public static let rapidSearchThreshold = 60

    /// Whether `searches` in the last ten minutes is more than a person at a desk would make.
    public static func isRapidSearching(searchesInTenMinutes searches: Int) -> Bool {
        searches >= rapidSearchThreshold
    }
}
