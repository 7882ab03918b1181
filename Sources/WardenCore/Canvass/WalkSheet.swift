/// A printed copy of a walk list. Paper leaves the system, so each print gets a serial
/// number, is recorded, and stays "out" until an organiser marks it returned or destroyed.
public struct WalkSheet: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case out, returned, destroyed
    }

    public var serial: String
    public var walkListID: WalkListID
    public var printedAt: Timestamp
    public var printedBy: String
    public var status: Status
    public var closedAt: Timestamp?
    public var closedBy: String?

    public init(serial: String, walkListID: WalkListID, printedAt: Timestamp, printedBy: String, status: Status,
                closedAt: Timestamp? = nil, closedBy: String? = nil) {
        self.serial = serial
        self.walkListID = walkListID
        self.printedAt = printedAt
        self.printedBy = printedBy
        self.status = status
        self.closedAt = closedAt
        self.closedBy = closedBy
    }

    /// The serial of the `copy`-th print of a list: `WL-00012-03`.
    public static func serial(list: WalkListID, copy: Int) -> String {
        func padded(_ n: Int64, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "WL-\(padded(list.rawValue, 5))-\(padded(Int64(copy), 2))"
    }

    /// Closing an outstanding sheet: only an "out" sheet can be returned or destroyed, once.
    public static func close(_ sheet: WalkSheet, as status: Status) throws {
        guard status != .out else { throw WardenError.invalidRequest("status: returned or destroyed") }
        guard sheet.status == .out else { throw WardenError.conflict("sheet \(sheet.serial) is already \(sheet.status.rawValue)") }
    }
}
