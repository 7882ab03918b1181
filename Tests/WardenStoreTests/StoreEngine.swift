import Foundation
import WardenCore
@_spi(Gate) @testable import WardenStore

/// A store as the contract suite sees it: every protocol, personal data included (the suite
/// imports the `Gate` SPI, as the Gate does).
typealias StoreUnderTest = any WardenStore & PersonalDataStore

/// The engines the contract suite runs on: every test in the suite runs against both, the
/// PostgreSQL one on the cluster `scripts/test` starts (``PostgresTestServer``).
enum StoreEngine: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store of this engine.
    func makeStore() async throws -> StoreUnderTest {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try RelationalStore(path: directory.appendingPathComponent("test.sqlite").path)
        case .postgres:
            return RelationalStore(engine: try await PostgresEngine.open(try await PostgresTestServer.freshDatabase(), connections: 3))
        }
    }
}

import Testing

/// Values the contract tests share.
enum Fixture {
    static let actor = Actor(kind: .localOperator("test"), grants: [])

    static let areas = [
        AreaDefinition(level: .nation, code: "E", name: "England", parentCode: nil),
        AreaDefinition(level: .region, code: "R", name: "Region", parentCode: "E"),
        AreaDefinition(level: .constituency, code: "C", name: "Constituency", parentCode: "R"),
        AreaDefinition(level: .ward, code: "W1", name: "North Ward", parentCode: "C"),
        AreaDefinition(level: .ward, code: "W2", name: "South Ward", parentCode: "C"),
        AreaDefinition(level: .pollingDistrict, code: "AA", name: "North AA", parentCode: "W1"),
        AreaDefinition(level: .pollingDistrict, code: "BA", name: "South BA", parentCode: "W2"),
    ]

    static func audit(_ action: AuditAction = .read) -> AuditEvent {
        AuditEvent(actor: actor, action: action, purpose: .registerMaintenance, detail: "test")
    }

    static func options(_ file: String = "register.csv", dryRun: Bool = false) -> ImportOptions {
        ImportOptions(file: file, layout: "test", dryRun: dryRun, actor: actor)
    }

    static func entry(_ district: String, _ number: Int, _ forenames: String, _ surname: String, house: Int,
                      dob: CalendarDate? = nil, markers: String = "") -> RegisterEntry {
        RegisterEntry(pollingDistrict: district, number: ElectorNumber(prefix: district, number: number), markers: markers,
                      name: PersonName(forenames: forenames, surname: surname), dateOfBirth: dob,
                      address: Address(lines: ["\(house) Mill Lane", "Town"], postcode: "TN1 1AA"))
    }

    static func lines(_ entries: [RegisterEntry]) -> [ImportLine<RegisterEntry>] {
        entries.enumerated().map { ImportLine(line: $0.offset + 2, result: .value($0.element)) }
    }

    /// Finds a person by elector number through the store's search, as the local operator.
    static func person(_ store: StoreUnderTest, _ number: String) async throws -> PersonRecord? {
        try await store.readPeople(read(.search(PeopleQuery(text: number), .everyone))).people.first?.record
    }

    /// A read that allows every field of everyone, with no budget.
    static func read(_ target: PeopleRead.Target, budget: Int? = nil, accountID: AccountID? = nil,
                     standing: AccessStanding? = nil) -> PeopleRead {
        var event = audit(.search)
        event.accountID = accountID
        return PeopleRead(target: target, audit: event, budget: budget, standing: standing) { _ in Set(PersonField.allCases) }
    }
}
