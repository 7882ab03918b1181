import WardenCore

/// Word lists the demo combines into synthetic people and streets. Combinations are drawn
/// at random, so any resemblance to a real person at a real address is chance: the streets,
/// postcodes (`FW` is not a UK postcode area) and the constituency do not exist.
enum Names {
    static let forenames = CommonNames.forenames
    static let surnames = CommonNames.surnames
    static let titles = ["Mr", "Ms", "Mrs", "Miss", "Dr", "Mx"]
    static let streetStems = [
        "Alder", "Ash", "Badger", "Beech", "Birch", "Bramble", "Brook", "Castle", "Cedar", "Chapel", "Cherry", "Church",
        "Clover", "Coppice", "Elm", "Fern", "Field", "Foundry", "Furnace", "Garden", "Glebe", "Hawthorn", "Hazel", "Heath",
        "Holly", "Juniper", "Kestrel", "Lark", "Laurel", "Lime", "Maple", "Meadow", "Mill", "Oak", "Orchard", "Osier",
        "Pine", "Poplar", "Quarry", "Rowan", "Sandpit", "School", "Sorrel", "Spinney", "Station", "Sycamore", "Tannery",
        "Thistle", "Willow", "Wren", "Yew",
    ]
    static let streetKinds = ["Road", "Street", "Lane", "Close", "Avenue", "Way", "Gardens", "Crescent", "Drive", "Grove"]
    static let wards = ["Alder Vale", "Brookside", "Castle Hill", "Dunmore", "Elmfield"]
    static let town = "Fellwick"
}
