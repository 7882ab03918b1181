/// Spots reading patterns that look like someone taking the data rather than doing a job,
/// so the DPO hears of it before the read budget runs out.
public enum EnumerationDetector {
    /// How many of an account's most recent single-person reads the detector looks at.
    public static let window = 20

    /// Whether recent single-person reads (oldest first) walk through identifiers: at least
    /// ``window`` reads, all upwards or all downwards, either by small steps (1 to 5) or by one
    /// fixed stride of any size. Looking people up by name jumps about; a script counting does not.
    public static func isWalkingIdentifiers(_ recent: [PersonID]) -> Bool {
        guard recent.count >= window else { return false }
        let tail = recent.suffix(window).map(\.rawValue)
        let steps = zip(tail, tail.dropFirst()).map { previous, next in next - previous }
        guard steps.allSatisfy({ $0 > 0 }) || steps.allSatisfy({ $0 < 0 }) else { return false }
        return steps.allSatisfy { (1...5).contains(abs($0)) } || Set(steps).count == 1
    }

    /// Searches in ten minutes beyond what a person at a desk would make.
    public static let rapidSearchThreshold = 60

    /// Whether `searches` in the last ten minutes is more than a person at a desk would make.
    public static func isRapidSearching(searchesInTenMinutes searches: Int) -> Bool {
        searches >= rapidSearchThreshold
    }
}
