/// Y-axis ticks a canvasser can read at a glance: 0 and multiples of 1, 2 or 5 × 10ⁿ,
/// four to six of them, reaching at least the largest value plotted.
struct NiceScale: Hashable, Sendable {
    /// Larger maxima are clamped; no real count gets near this, and it keeps the arithmetic overflow-free.
    static let largestSupportedMaximum = 1_000_000_000_000_000

    /// Distance between neighbouring ticks.
    let step: Int
    /// Tick values from 0 upwards; the last one is the top of the axis.
    let ticks: [Int]

    /// The value drawn at the top of the plot.
    var top: Int { step * (ticks.count - 1) }

    /// Chooses the smallest nice step that covers `maximum` in at most five intervals,
    /// using at least three intervals so tiny maxima still get a readable axis.
    init(maximum: Int) {
        let maximum = min(max(maximum, 0), Self.largestSupportedMaximum)
        let step = Self.step(covering: maximum)
        let intervals = max(Self.intervals(covering: maximum, step: step), 3)
        self.step = step
        self.ticks = (0...intervals).map { $0 * step }
    }

    private static func step(covering maximum: Int) -> Int {
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] where intervals(covering: maximum, step: magnitude * factor) <= 5 {
                return magnitude * factor
            }
            magnitude *= 10
        }
    }

    private static func intervals(covering maximum: Int, step: Int) -> Int {
        (maximum + step - 1) / step
    }
}
