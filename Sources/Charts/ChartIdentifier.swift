/// Element ids for one chart. They must be identical on every render (so pages are byte-stable
/// and cacheable) and differ between charts inlined into the same page, so they come from an
/// FNV-1a hash of the chart kind and title rather than Swift's per-process randomized `Hasher`.
struct ChartIdentifier: Hashable, Sendable {
    /// Common prefix of every id in the chart, e.g. `chart-1a2b3c4d`.
    let prefix: String

    /// Derives the ids for a chart of `kind` (so a bar and a line chart sharing a title don't clash).
    init(kind: String, title: String) {
        let hex = String(Self.fnv1a32(kind + "\u{1F}" + title), radix: 16)
        prefix = "chart-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Id of the `<title>` element referenced by `aria-labelledby`.
    var titleID: String { prefix + "-title" }
    /// Id of the hatch `<pattern>` used for suppressed cells.
    var hatchID: String { prefix + "-hatch" }
    /// The `fill` value that paints with the hatch.
    var hatchFill: String { "url(#\(hatchID))" }

    /// 32-bit FNV-1a over the UTF-8 bytes: tiny, well known and stable across processes.
    static func fnv1a32(_ text: String) -> UInt32 {
        text.utf8.reduce(2_166_136_261) { hash, byte in (hash ^ UInt32(byte)) &* 16_777_619 }
    }
}
