/// Counts what the store found for an incident into its findings: pure, so every count has a
/// test against a fixture.
public enum IncidentAnalysis {
    /// The findings of `evidence` for `scope` at `at`.
    public static func findings(_ evidence: IncidentEvidence, scope: IncidentScope, at: Timestamp) -> IncidentFindings {
        if let holdings = evidence.holdings { return whole(holdings, scope: scope, at: at) }
        var byPerson: [PersonID: (exposures: Set<Exposure>, fields: Set<String>, by: Set<String>, classes: Set<DataClass>)] = [:]
        for touch in evidence.touches {
            var entry = byPerson[touch.person] ?? ([], [], [], [])
            entry.exposures.insert(touch.exposure)
            entry.fields.formUnion(touch.fields)
            entry.by.insert(touch.actor)
            entry.classes.formUnion(touch.dataClasses)
            byPerson[touch.person] = entry
        }
        let affected = byPerson.keys.sorted().map { person in
            let entry = byPerson[person]!
            return IncidentFindings.Affected(person: person, exposures: entry.exposures.sorted(), fields: entry.fields.sorted(), by: entry.by.sorted())
        }
        let exposures = Exposure.allCases.compactMap { exposure -> IncidentFindings.ExposureCount? in
            let people = byPerson.values.filter { $0.exposures.contains(exposure) }.count
            return people == 0 ? nil : .init(exposure: exposure, people: people)
        }
        let categories = DataClass.allCases.compactMap { dataClass -> IncidentFindings.CategoryCount? in
            let people = byPerson.values.filter { $0.classes.contains(dataClass) }.count
            return people == 0 ? nil : .init(dataClass: dataClass, people: people)
        }
        // Readable only where someone in scope could see a person's answers and the person had any.
        let holders = evidence.sealedHolders.intersection(byPerson.keys)
        let readable = holders.contains { byPerson[$0]!.classes.contains(.specialCategory) }
        let sealed = !holders.isEmpty
        var areas: [String: Int] = [:]
        for person in byPerson.keys { areas[evidence.placements[person] ?? "not placed", default: 0] += 1 }
        return IncidentFindings(
            scope: scope, at: at, people: byPerson.count, records: evidence.records, exposures: exposures, categories: categories,
            specialCategory: readable ? .readable : sealed ? .sealed : .none, areas: counted(areas), affected: affected,
            readers: evidence.readers.map { .init(actor: $0.key, people: $0.value.people, entries: $0.value.entries) }
                .sorted { ($0.entries, $1.actor) > ($1.entries, $0.actor) })
    }

    /// The whole database as it stood: everyone held, by class and area; nothing opened.
    private static func whole(_ holdings: IncidentEvidence.Holdings, scope: IncidentScope, at: Timestamp) -> IncidentFindings {
        let people = holdings.people + holdings.erasedSince
        let categories = DataClass.allCases.compactMap { dataClass -> IncidentFindings.CategoryCount? in
            guard let count = holdings.byClass[dataClass], count > 0 else { return nil }
            return .init(dataClass: dataClass, people: count)
        }
        return IncidentFindings(
            scope: scope, at: at, people: people, records: holdings.records, exposures: [.init(exposure: .held, people: people)],
            categories: categories, specialCategory: (holdings.byClass[.specialCategory] ?? 0) > 0 ? .sealed : .none, areas: counted(holdings.byArea), affected: [], readers: [])
    }

    private static func counted(_ areas: [String: Int]) -> [IncidentFindings.AreaCount] {
        areas.map { IncidentFindings.AreaCount(area: $0.key, people: $0.value) }.sorted { ($0.people, $1.area) > ($1.people, $0.area) }
    }
}
