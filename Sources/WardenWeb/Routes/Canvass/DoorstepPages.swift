import WardenCore

/// The doorstep pages' models: one list's stops, and one stop's form (the lists are on
/// ``CanvassHome``).
enum DoorstepPages {
    struct ListRow { var id: Int64; var name: String; var doors: Int; var until: String }

    struct List {
        var chrome: Chrome
        var id: Int64
        var name: String
        var campaign: String
        var done: Int
        var people: Int
        var stops: [StopRow]
    }
    struct StopRow { var position: Int; var address: String; var street: String; var residents: Int; var done: Bool }

    struct Stop {
        var chrome: Chrome
        var listID: Int64
        var listName: String
        var position: Int
        var of: Int
        var address: String
        var previous: Int?
        var next: Int?
        var residents: [ResidentRow]
        /// Everyone at the door, for "nobody in": one tap records them all.
        var everyone: [Int64]
        /// The first resident with nothing recorded yet, to go on to after a save.
        var nextResident: Int64?
        /// Everyone at this door has an outcome.
        var doorDone: Bool
        var parties: [String]
        var certainties: [String]
        var issues: [String]
        var outcomes: [OutcomeButton]
        /// The people just saved, whose results "Undo" withdraws.
        var undo: [Int64] = []
        var hasUndo = false
    }
    struct ResidentRow { var id: Int64; var name: String; var elector: String; var last: String?; var saved = false }

    /// What a tap on the stop page just saved (`?saved=` names the people), said at the top.
    static func savedMessage(_ saved: Set<Int64>, residents: [ResidentRow], doorDone: Bool, hasNext: Bool) -> String? {
        let named = residents.filter { saved.contains($0.id) }
        guard !named.isEmpty else { return nil }
        let what = named.count == 1 ? "\(named[0].name): \(named[0].last ?? "recorded")" : "nobody in, for all \(named.count) at this door"
        return "Saved ✓ \(what)." + (doorDone ? (hasNext ? " This door is done: go on to the next." : " This door is done, and it was the last on the list.") : "")
    }
    /// What an undo just did (`?undone=` says how many), said at the top.
    static func undoneMessage(_ undone: String?) -> String? {
        guard let count = undone.flatMap(Int.init) else { return nil }
        return count == 0 ? "Nothing to undo: only your own results, for \(CanvassResult.undoWindow / 60) minutes after you save them."
            : "Undone: \(count == 1 ? "the result is" : "\(count) results are") withdrawn. The withdrawal is kept in the record's history."
    }

    struct OutcomeButton { var value: String; var title: String }
}
