import Foundation
import Testing
import WardenCore
import WardenTestSupport

/// The document's enumerations are the domain's: a role, purpose, outcome or alert kind added
/// in Swift and not in the document (or the reverse) fails here, in requests as in answers.
@Suite("OpenAPI enumerations")
struct OpenAPIEnumTests {
    @Test func everyNamedEnumerationListsTheDomainsValues() async throws {
        let harness = try await WebHarness.make()
        let document = try await OpenAPIRouteTests.document(harness)
        let expected: [(String, [String])] = [
            ("Role", Role.allCases.map(\.rawValue)),
            ("Purpose", Purpose.allCases.map(\.rawValue)),
            ("AreaLevel", AreaLevel.allCases.map(\.rawValue)),
            ("MembershipStatus", MembershipStatus.allCases.map(\.rawValue)),
            ("MembershipEvent", MembershipEvent.allCases.map(\.rawValue)),
            ("ContactOutcome", ContactOutcome.allCases.map(\.rawValue)),
            ("ContactChannel", ContactChannel.allCases.map(\.rawValue)),
            ("Certainty", Certainty.allCases.map(\.rawValue)),
            ("AlertKind", AlertKind.allCases.map(\.rawValue)),
            ("PersonField", PersonField.allCases.map(\.rawValue)),
            ("AuditAction", AuditAction.allCases.map(\.rawValue)),
            ("DataClass", DataClass.allCases.map(\.rawValue)),
            ("DuesFrequency", Dues.Frequency.allCases.map(\.rawValue)),
            ("SubjectAccessChannel", SubjectAccessChannel.allCases.map(\.rawValue)),
            ("SubjectAccessState", SubjectAccessState.allCases.map(\.rawValue)),
            ("SubjectAccessStepName", SubjectAccessLifecycle.StepName.allCases.map(\.rawValue)),
            ("RefusalGround", RefusalGround.allCases.map(\.rawValue)),
            ("VolunteerSkill", VolunteerSkill.allCases.map(\.rawValue)),
            ("VolunteerStatus", VolunteerStatus.allCases.map(\.rawValue)),
        ]
        let schemas = try #require(document.root["components"]?["schemas"])
        for (name, values) in expected {
            #expect(Self.values(schemas[name]) == Set(values), "components.schemas.\(name)")
        }
        let contactPoint = schemas["ContactPoint"]?["properties"]
        #expect(Self.values(contactPoint?["kind"]) == Set(ContactPoint.Kind.allCases.map(\.rawValue)))
        #expect(Self.values(contactPoint?["source"]) == Set(ContactPoint.Source.allCases.map(\.rawValue)))
        #expect(Self.values(contactPoint?["consent"]?["items"]) == Set(ContactPoint.Channel.allCases.map(\.rawValue)))
    }

    static func values(_ schema: JSONValue?) -> Set<String>? {
        schema?["enum"]?.array.map { Set($0.compactMap(\.string)) }
    }
}
