/// The named demo users, departments, locations and groups: ServiceNow's familiar demo cast.
enum SeedPeople {
    struct Person {
        var userName: String
        var first: String
        var last: String
        var title: String
        var department: String
        var roles: [String]
        var groups: [String]
        /// The sys_id the demo data is known by, where it is well known.
        var sysID: String?
        var vip = false
    }

    static let departments = [
        ("IT", "Information Technology"), ("Finance", "Finance and accounting"), ("HR", "Human Resources"),
        ("Sales", "Sales and account management"), ("Product Management", "Product management"),
        ("Development", "Software development"), ("Customer Support", "Customer support"),
        ("Marketing", "Marketing and communications"), ("Facilities", "Facilities and office services"),
    ]

    static let locations = [
        ("San Diego", "3 Executive Dr", "CA", "USA", "America/Los_Angeles"),
        ("New York", "600 Lexington Ave", "NY", "USA", "America/New_York"),
        ("Chicago", "233 S Wacker Dr", "IL", "USA", "America/Chicago"),
        ("London", "25 Canada Square", "", "UK", "Europe/London"),
        ("Amsterdam", "Gustav Mahlerplein 2", "", "Netherlands", "Europe/Amsterdam"),
        ("Sydney", "1 Macquarie Pl", "NSW", "Australia", "Australia/Sydney"),
        ("Tokyo", "2-7-2 Marunouchi", "", "Japan", "Asia/Tokyo"),
    ]

    /// Groups: name, description, and which ticket categories they work.
    static let groups = [
        ("Service Desk", "First line support for all employees"),
        ("Help Desk", "Walk-up and phone help desk"),
        ("Network", "Network, VPN, Wi-Fi and firewall"),
        ("Hardware", "Laptops, desktops, printers and peripherals"),
        ("Software", "Business applications and desktop software"),
        ("Database", "Database administration"),
        ("CAB Approval", "Change Advisory Board approvers"),
        ("Change Management", "Change coordination and scheduling"),
        ("Problem Solving", "Problem management and root cause analysis"),
        ("Identity and Access", "Accounts, passwords, MFA and access requests"),
    ]

    static let agents: [Person] = [
        Person(
            userName: "admin",
            first: "System",
            last: "Administrator",
            title: "System Administrator",
            department: "IT",
            roles: ["admin", "itil", "knowledge_admin"],
            groups: ["CAB Approval"],
            sysID: "6816f79cc0a8016401c5a33be04be441"
        ),
        Person(
            userName: "itil",
            first: "ITIL",
            last: "User",
            title: "Service Desk Analyst",
            department: "IT",
            roles: ["itil"],
            groups: ["Service Desk"],
            sysID: "681b365ec0a80164000fb0b05854a0cd"
        ),
        Person(
            userName: "beth.anglin",
            first: "Beth",
            last: "Anglin",
            title: "Service Desk Lead",
            department: "IT",
            roles: ["itil"],
            groups: ["Service Desk", "Network", "Change Management"],
            sysID: "46d44a23a9fe19810012d100cca80666"
        ),
        Person(
            userName: "david.loo",
            first: "David",
            last: "Loo",
            title: "Hardware Technician",
            department: "IT",
            roles: ["itil"],
            groups: ["Hardware", "Help Desk"]
        ),
        Person(
            userName: "don.goodliffe",
            first: "Don",
            last: "Goodliffe",
            title: "Network Manager",
            department: "IT",
            roles: ["itil"],
            groups: ["Network", "CAB Approval"]
        ),
        Person(
            userName: "bow.ruggeri",
            first: "Bow",
            last: "Ruggeri",
            title: "Application Support Engineer",
            department: "IT",
            roles: ["itil"],
            groups: ["Software", "Problem Solving"]
        ),
        Person(
            userName: "christen.mitchell",
            first: "Christen",
            last: "Mitchell",
            title: "Change Manager",
            department: "IT",
            roles: ["itil"],
            groups: ["Change Management", "CAB Approval"]
        ),
        Person(
            userName: "charlie.whitherspoon",
            first: "Charlie",
            last: "Whitherspoon",
            title: "Help Desk Analyst",
            department: "IT",
            roles: ["itil"],
            groups: ["Help Desk", "Service Desk"]
        ),
        Person(
            userName: "luke.wilson",
            first: "Luke",
            last: "Wilson",
            title: "Desktop Support Technician",
            department: "IT",
            roles: ["itil"],
            groups: ["Hardware", "Help Desk"]
        ),
        Person(
            userName: "howard.johnson",
            first: "Howard",
            last: "Johnson",
            title: "Software Support Analyst",
            department: "IT",
            roles: ["itil"],
            groups: ["Software", "Identity and Access"]
        ),
        Person(
            userName: "ron.kettering",
            first: "Ron",
            last: "Kettering",
            title: "Database Administrator",
            department: "IT",
            roles: ["itil"],
            groups: ["Database", "Problem Solving"]
        ),
        Person(
            userName: "bud.richman",
            first: "Bud",
            last: "Richman",
            title: "Network Engineer",
            department: "IT",
            roles: ["itil"],
            groups: ["Network"]
        ),
        Person(
            userName: "david.dan",
            first: "David",
            last: "Dan",
            title: "Database Engineer",
            department: "IT",
            roles: ["itil"],
            groups: ["Database"]
        ),
        Person(
            userName: "jerrod.bennett",
            first: "Jerrod",
            last: "Bennett",
            title: "Identity Engineer",
            department: "IT",
            roles: ["itil"],
            groups: ["Identity and Access", "Service Desk"]
        ),
        Person(
            userName: "fannie.lopez",
            first: "Fannie",
            last: "Lopez",
            title: "Problem Manager",
            department: "IT",
            roles: ["itil"],
            groups: ["Problem Solving", "Software"]
        ),
    ]

    static let endUsers: [Person] =
        [
            Person(
                userName: "abel.tuter",
                first: "Abel",
                last: "Tuter",
                title: "Account Manager",
                department: "Sales",
                roles: [],
                groups: [],
                sysID: "62826bf03710200044e0bfc8bcbe5df1"
            ),
            Person(
                userName: "fred.luddy",
                first: "Fred",
                last: "Luddy",
                title: "Principal Engineer",
                department: "Development",
                roles: [],
                groups: [],
                sysID: "5137153cc611227c000bbd1bd8cd2005",
                vip: true
            ),
            Person(
                userName: "joe.employee",
                first: "Joe",
                last: "Employee",
                title: "Analyst",
                department: "Finance",
                roles: [],
                groups: []
            ),
        ]
        + [
            ("alejandro.mascall", "Alejandro", "Mascall", "Marketing Specialist", "Marketing"),
            ("alene.rabeck", "Alene", "Rabeck", "Payroll Specialist", "HR"),
            ("alfonso.griglen", "Alfonso", "Griglen", "Sales Engineer", "Sales"),
            ("allan.schwantd", "Allan", "Schwantd", "Senior Developer", "Development"),
            ("allie.pumphrey", "Allie", "Pumphrey", "Recruiter", "HR"),
            ("allyson.gillispie", "Allyson", "Gillispie", "Controller", "Finance"),
            ("alva.pennigton", "Alva", "Pennigton", "Product Manager", "Product Management"),
            ("amelia.caputo", "Amelia", "Caputo", "Support Engineer", "Customer Support"),
            ("andrew.och", "Andrew", "Och", "Accountant", "Finance"),
            ("angelo.ferentz", "Angelo", "Ferentz", "Developer", "Development"),
            ("billie.cowley", "Billie", "Cowley", "Office Manager", "Facilities"),
            ("brant.darnel", "Brant", "Darnel", "Regional Sales Director", "Sales"),
            ("byron.fortuna", "Byron", "Fortuna", "QA Engineer", "Development"),
            ("candice.bruckman", "Candice", "Bruckman", "HR Business Partner", "HR"),
            ("carol.coughlin", "Carol", "Coughlin", "Chief Financial Officer", "Finance"),
            ("cherie.fuhri", "Cherie", "Fuhri", "Content Strategist", "Marketing"),
            ("chris.harris", "Chris", "Harris", "Support Team Lead", "Customer Support"),
            ("chuck.farley", "Chuck", "Farley", "Inside Sales Representative", "Sales"),
            ("crissy.sibbett", "Crissy", "Sibbett", "UX Designer", "Product Management"),
            ("dionne.borycz", "Dionne", "Borycz", "Financial Analyst", "Finance"),
            ("earlean.suffern", "Earlean", "Suffern", "Facilities Coordinator", "Facilities"),
            ("eli.bettner", "Eli", "Bettner", "DevOps Engineer", "Development"),
            ("jewel.agresta", "Jewel", "Agresta", "Customer Success Manager", "Customer Support"),
            ("jimmie.barninger", "Jimmie", "Barninger", "Sales Operations Analyst", "Sales"),
            ("johnnie.minaya", "Johnnie", "Minaya", "Brand Manager", "Marketing"),
            ("jolie.grinde", "Jolie", "Grinde", "Technical Writer", "Product Management"),
            ("kristina.rabideau", "Kristina", "Rabideau", "Benefits Administrator", "HR"),
            ("krystle.stika", "Krystle", "Stika", "Frontend Developer", "Development"),
            ("lacy.belmont", "Lacy", "Belmont", "Support Engineer", "Customer Support"),
            ("margaret.grey", "Margaret", "Grey", "Chief Operating Officer", "Finance"),
            ("mayme.staub", "Mayme", "Staub", "Events Manager", "Marketing"),
            ("melinda.carleton", "Melinda", "Carleton", "Account Executive", "Sales"),
            ("miranda.hammitt", "Miranda", "Hammitt", "Data Scientist", "Product Management"),
            ("natasha.ingram", "Natasha", "Ingram", "Legal Counsel", "Finance"),
            ("rick.berzle", "Rick", "Berzle", "Backend Developer", "Development"),
            ("sam.sorokin", "Sam", "Sorokin", "Support Engineer", "Customer Support"),
            ("tamara.declue", "Tamara", "Declue", "Procurement Specialist", "Facilities"),
            ("valerie.pou", "Valerie", "Pou", "Marketing Analyst", "Marketing"),
            ("wilmer.constantineau", "Wilmer", "Constantineau", "Solutions Architect", "Sales"),
            ("zane.sulikowski", "Zane", "Sulikowski", "Mobile Developer", "Development"),
        ].map { Person(userName: $0.0, first: $0.1, last: $0.2, title: $0.3, department: $0.4, roles: [], groups: []) }

    /// Name pools for generated users.
    static let firstNames = [
        "Aaron", "Abigail", "Adrian", "Aisha", "Alan", "Alicia", "Amir", "Ana", "Benjamin", "Bianca", "Caleb",
        "Carmen", "Daniel", "Diana", "Elena", "Ethan", "Fatima", "Felix", "Grace", "Hannah", "Hugo", "Ines", "Isaac",
        "Jasmine", "Javier", "Julia", "Kenji", "Laura", "Leo", "Lucia", "Marco", "Maya", "Mohammed", "Nadia", "Noah",
        "Olivia", "Omar", "Priya", "Rafael", "Rosa", "Samuel", "Sofia", "Tomas", "Uma", "Victor", "Wei", "Yara", "Zoe",
    ]
    static let lastNames = [
        "Anderson", "Bakker", "Chen", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen",
        "Khan", "Kowalski", "Larsen", "Martin", "Meyer", "Nakamura", "Novak", "O'Brien", "Patel", "Quinn", "Rossi",
        "Santos", "Schmidt", "Silva", "Tanaka", "Torres", "Ueda", "Varga", "Wagner", "Walsh", "Young", "Zimmerman",
    ]
}
