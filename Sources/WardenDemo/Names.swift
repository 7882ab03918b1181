/// Word lists the demo combines into synthetic people and streets. Combinations are drawn
/// at random, so any resemblance to a real person at a real address is chance: the streets,
/// postcodes (`FW` is not a UK postcode area) and the constituency do not exist.
enum Names {
    static let forenames = [
        "Aaron", "Abigail", "Adam", "Aisha", "Alan", "Alice", "Amir", "Amy", "Andrew", "Anna", "Arjun", "Barbara", "Ben",
        "Bethany", "Brian", "Callum", "Carol", "Catherine", "Chloe", "Chris", "Claire", "Connor", "Daniel", "David", "Deborah",
        "Dylan", "Eleanor", "Elizabeth", "Ella", "Emily", "Emma", "Ethan", "Fatima", "Fiona", "Frank", "Gareth", "Gemma",
        "George", "Grace", "Hannah", "Harry", "Helen", "Ian", "Imran", "Isla", "Jack", "James", "Jane", "Jasmine", "Jason",
        "Jennifer", "Joanne", "John", "Jordan", "Joseph", "Joshua", "Julie", "Karen", "Kate", "Kevin", "Laura", "Leah",
        "Lee", "Liam", "Lily", "Lucy", "Mark", "Martin", "Mary", "Matthew", "Megan", "Michael", "Mohammed", "Natalie",
        "Neil", "Nicola", "Oliver", "Olivia", "Patricia", "Paul", "Peter", "Priya", "Rachel", "Rebecca", "Richard", "Robert",
        "Ruth", "Ryan", "Samuel", "Sarah", "Sean", "Sophie", "Stephen", "Susan", "Thomas", "Tom", "Victoria", "William", "Zara",
    ]
    static let surnames = [
        "Ahmed", "Allen", "Anderson", "Bailey", "Baker", "Barker", "Bell", "Bennett", "Brooks", "Brown", "Butler", "Campbell",
        "Carter", "Chapman", "Clark", "Clarke", "Collins", "Cook", "Cooper", "Cox", "Davies", "Davis", "Dixon", "Edwards",
        "Ellis", "Evans", "Fisher", "Foster", "Fox", "Gibson", "Graham", "Gray", "Green", "Griffiths", "Hall", "Harris",
        "Harrison", "Hill", "Holmes", "Hughes", "Hunt", "Hussain", "Jackson", "James", "Jenkins", "Johnson", "Jones", "Kaur",
        "Kelly", "Khan", "King", "Knight", "Lee", "Lewis", "Lloyd", "Marshall", "Martin", "Mason", "Matthews", "Miller",
        "Mills", "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Murray", "Owen", "Palmer", "Parker", "Patel", "Pearson",
        "Phillips", "Price", "Reid", "Richards", "Richardson", "Roberts", "Robinson", "Rogers", "Russell", "Scott", "Shaw",
        "Simpson", "Singh", "Smith", "Stevens", "Stewart", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward",
        "Watson", "Webb", "White", "Wilkinson", "Williams", "Wilson", "Wood", "Wright", "Young",
    ]
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
