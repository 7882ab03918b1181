import Foundation
import WardenCore
@_spi(Gate) import WardenStore

/// Setting up people for the contract tests: a registered district, members, and the
/// requests that write to them.
extension Fixture {
    /// The register every populated store starts from: three households in district AA
    /// (Ann and Bob at 1 Mill Lane, Cat at 2, Dan at 3) and one in BA (Eve at 4).
    static let register = [
        entry("AA", 1, "Ann", "Lee", house: 1), entry("AA", 2, "Bob", "Lee", house: 1), entry("AA", 3, "Cat", "Ray", house: 2),
        entry("AA", 4, "Dan", "Fox", house: 3), entry("BA", 1, "Eve", "New", house: 4),
    ]

    /// A fresh store of `engine` with the areas and ``register`` imported.
    static func registered(_ engine: StoreEngine) async throws -> StoreUnderTest {
        let store = try await engine.makeStore()
        _ = try await store.saveAreas(areas, audit: audit(.areasImported))
        _ = try await store.importRegister(lines(register), options: options()) { _ in }
        return store
    }

    /// The area with `code`.
    static func area(_ store: StoreUnderTest, _ code: String) async throws -> AreaID {
        guard let area = try await store.allAreas().first(where: { $0.code == code }) else { throw WardenError.notFound("area \(code)") }
        return area.id
    }

    /// The person with elector or membership number `number`.
    static func personID(_ store: StoreUnderTest, _ number: String) async throws -> PersonID {
        guard let record = try await person(store, number) else { throw WardenError.notFound("person \(number)") }
        return record.person.id
    }

    /// A member of the North Ward branch with an email address made from their forenames.
    static func member(_ number: String, _ forenames: String, status: MembershipStatus = .active, house: Int) -> MembershipRecord {
        MembershipRecord(
            membershipNumber: number, name: PersonName(forenames: forenames, surname: "Lee"), dateOfBirth: nil,
            address: Address(lines: ["\(house) Mill Lane", "Town"], postcode: "TN1 1AA"),
            contactPoints: [ContactPoint(kind: .email, value: "\(forenames.lowercased())@example.org", source: .membershipImport, consent: [.email])],
            status: status, joinedOn: nil, statusSince: nil, branch: "North Ward", dues: Dues(pence: 400, frequency: .monthly))
    }

    static func importMembers(_ store: StoreUnderTest, _ members: [MembershipRecord], file: String = "members.csv") async throws -> ImportReport {
        let lines = members.enumerated().map { ImportLine(line: $0.offset + 2, result: Parsed.value($0.element)) }
        return try await store.importMembers(lines, options: options(file)) { _ in }
    }

    /// Who makes a version: the local operator, or `account`.
    static func author(_ account: AccountID? = nil, at instant: Timestamp = .now) -> VersionAuthor {
        VersionAuthor(at: instant, accountID: account, actor: account.map { "account \($0.rawValue)" } ?? "test", grantID: nil, reason: "test")
    }

    /// Sets (or, with `nil`, removes) a person's email, and makes the `also` edits, as `account`
    /// and described as the Gate describes it; a member is told through notices whose "this
    /// wasn't me" links end in their token, and `watch` is checked.
    static func emailChange(_ person: PersonID, to email: String?, also: [ContactEdit] = [], by account: AccountID? = nil,
                            at instant: Timestamp = .now, watch: WatchLimits? = nil,
                            decision: WriteDecision = .allowed(grantID: nil)) throws -> ContactChangeRequest {
        var event = audit(.write)
        event.detail = "contact details (test)"
        event.at = instant
        event.accountID = account
        return ContactChangeRequest(
            personID: person, edits: [try ContactEdit(kind: .email, text: email)] + also, author: author(account, at: instant), audit: event,
            standing: nil, source: .manual, notices: noticeMaker, watch: watch, holds: noticeMaker) { _ in decision }
    }

    /// Notice tokens whose hash is their bytes, linked as `https://warden.test/notice/<token>`.
    static let noticeMaker = NoticeMaker(token: {
        let token = UUID().uuidString
        return (token, Array(token.utf8))
    }, link: { "https://warden.test/notice/\($0)" })
}
