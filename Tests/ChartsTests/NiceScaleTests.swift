import Testing
@testable import Charts

@Suite("Nice axis ticks")
struct NiceScaleTests {
    @Test("Ticks for representative maxima", arguments: [
        (0, [0, 1, 2, 3]),
        (1, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (42, [0, 10, 20, 30, 40, 50]),
        (60, [0, 20, 40, 60]),
        (100, [0, 20, 40, 60, 80, 100]),
        (980, [0, 200, 400, 600, 800, 1000]),
        (12345, [0, 5000, 10000, 15000]),
    ])
    func ticks(maximum: Int, expected: [Int]) {
        #expect(NiceScale(maximum: maximum).ticks == expected)
    }

    @Test("Every maximum gets 4–6 ticks of 1, 2 or 5 × 10ⁿ reaching the maximum")
    func invariants() {
        for maximum in Array(0...2_500) + [9_999, 10_001, 123_456, 7_654_321, 999_999_999] {
            let scale = NiceScale(maximum: maximum)
            #expect((4...6).contains(scale.ticks.count), "maximum \(maximum)")
            #expect(scale.top >= maximum, "maximum \(maximum)")
            #expect(scale.ticks.first == 0)
            var mantissa = scale.step
            while mantissa % 10 == 0 { mantissa /= 10 }
            #expect([1, 2, 5].contains(mantissa), "maximum \(maximum) step \(scale.step)")
        }
    }

    @Test("Negative and enormous maxima are clamped instead of trapping")
    func extremes() {
        #expect(NiceScale(maximum: -5).ticks == [0, 1, 2, 3])
        #expect(NiceScale(maximum: .max).top >= NiceScale.largestSupportedMaximum)
    }
}
