/// Common forenames and surnames in Britain, for people who must look real without being
/// anyone: the demo's synthetic electors and the decoys in every export (``ExportDecoy``).
public enum CommonNames {
    public static let forenames = [
        "Aaron", "Abigail", "Adam", "Aisha", "Alan", "Alice", "Amir", "Amy", "Andrew", "Anna", "Arjun", "Barbara", "Ben",
        "Bethany", "Brian", "Callum", "Carol", "Catherine", "Chloe", "Chris", "Claire", "Connor", "Daniel", "David", "Deborah",
        "Dylan", "Eleanor", "Elizabeth", "Ella", "Emily", "Emma", "Ethan", "Fatima", "Fiona", "Frank", "Gareth", "Gemma",
        "George", "Grace", "Hannah", "Harry", "Helen", "Ian", "Imran", "Isla", "Jack", "James", "Jane", "Jasmine", "Jason",
        "Jennifer", "Joanne", "John", "Jordan", "Joseph", "Joshua", "Julie", "Karen", "Kate", "Kevin", "Laura", "Leah",
        "Lee", "Liam", "Lily", "Lucy", "Mark", "Martin", "Mary", "Matthew", "Megan", "Michael", "Mohammed", "Natalie",
        "Neil", "Nicola", "Oliver", "Olivia", "Patricia", "Paul", "Peter", "Priya", "Rachel", "Rebecca", "Richard", "Robert",
        "Ruth", "Ryan", "Samuel", "Sarah", "Sean", "Sophie", "Stephen", "Susan", "Thomas", "Tom", "Victoria", "William", "Zara",
    ]
    public static let surnames = [
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
}
