import Testing
import WardenCore

@Suite("Incident analysis")
struct IncidentAnalysisTests {
    let scope = IncidentScope(actors: ["rogue"])
    let at = Timestamp(secondsSince1970: 1_800_000_000)

    func touch(_ person: Int64, _ exposure: Exposure, _ classes: Set<DataClass>, by actor: String = "rogue", fields: [String] = []) -> IncidentEvidence.Touch {
        .init(person: PersonID(rawValue: person), exposure: exposure, actor: actor, dataClasses: classes, fields: fields)
    }

    /// Special category data is readable only where someone in scope could see answers and
    /// the person had any; sealed where people had answers nobody in scope could open.
    @Test func specialCategoryIsReadableOnlyWhereAnswersExistedAndWereOpened() {
        var evidence = IncidentEvidence()
        evidence.touches = [touch(1, .read, [.identity, .specialCategory]), touch(2, .read, [.identity])]
        evidence.sealedHolders = [PersonID(rawValue: 1)]
        #expect(IncidentAnalysis.findings(evidence, scope: scope, at: at).specialCategory == .readable)
        evidence.sealedHolders = [PersonID(rawValue: 2)]
        #expect(IncidentAnalysis.findings(evidence, scope: scope, at: at).specialCategory == .sealed)
        evidence.sealedHolders = []
        #expect(IncidentAnalysis.findings(evidence, scope: scope, at: at).specialCategory == .none)
    }

    @Test func peopleAreCountedOnceWithEveryWayTheyWereReachedAndWhere() {
        var evidence = IncidentEvidence()
        evidence.touches = [touch(1, .read, [.identity, .contact]), touch(1, .changed, [.contact], fields: ["email"]),
                            touch(2, .printed, [.identity, .contact], by: "printer"), touch(3, .read, [.identity])]
        evidence.records = 4
        evidence.placements = [PersonID(rawValue: 1): "North Ward (W1)", PersonID(rawValue: 2): "North Ward (W1)"]
        evidence.readers = ["colleague": (entries: 3, people: 2)]
        let findings = IncidentAnalysis.findings(evidence, scope: scope, at: at)
        #expect(findings.people == 3 && findings.records == 4)
        #expect(findings.affected.first?.exposures == [.read, .changed] && findings.affected.first?.fields == ["email"])
        #expect(findings.exposures.map(\.exposure) == [.read, .changed, .printed])
        #expect(findings.exposures.map(\.people) == [2, 1, 1])
        #expect(findings.categories.map(\.dataClass) == [.identity, .contact])
        #expect(findings.categories.map(\.people) == [3, 2])
        #expect(findings.areas.map(\.area) == ["North Ward (W1)", "not placed"])
        #expect(findings.readers.map(\.actor) == ["colleague"])
    }

    @Test func anIncidentWithoutBoundsOrWithABackwardWindowIsRefused() {
        #expect(IncidentScope().problems.count == 1)
        #expect(IncidentScope(from: at, to: at.adding(seconds: -1)).problems == ["to: the window ends before it starts"])
        #expect(IncidentScope(walkList: WalkListID(rawValue: 1), sheet: "S1").problems == ["sheet: give a walk list or a sheet, not both"])
        #expect(IncidentScope(actors: ["x"], wholeDatabaseAsOf: at).problems.count == 1)
        #expect(IncidentScope(areas: ["W1"], wholeDatabaseAsOf: at).problems.isEmpty)
    }

    @Test func theClockRunsSeventyTwoHoursFromAwarenessUntilAPhaseIsWritten() {
        var incident = Incident(title: "x", awareAt: at, openedBy: "dpo", openedAt: at, scope: scope)
        #expect(incident.hoursLeft(at: at) == 72)
        #expect(incident.hoursLeft(at: at.adding(seconds: 72 * 3_600 + 1)) == -1)
        incident.phases.append(.init(at: at, by: "dpo", nature: "n", consequences: "c", measures: "m"))
        #expect(incident.hoursLeft(at: at) == nil)
    }
}
