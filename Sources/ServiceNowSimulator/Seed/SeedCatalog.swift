/// The Service Catalog: categories, items, and the questions each item asks.
enum SeedCatalog {
    struct Variable {
        var name: String
        var question: String
        var kind: VariableKind
        var mandatory: Bool = false
        var choices: [(String, String)] = []
        var defaultValue: String = ""
        var help: String = ""
    }

    struct Item {
        var name: String
        var short: String
        var description: String
        var category: String
        var price: String
        var recurringPrice: String = ""
        var variables: [Variable]
        var active = true
        /// The sys_id the demo data is known by, where well known.
        var sysID: String?
    }

    static let categories = [
        ("Hardware", "Laptops, desktops, tablets and phones", "Hardware"),
        ("Peripherals", "Monitors, keyboards, headsets and docks", "Hardware"),
        ("Software", "Licenses and installations", "Software"),
        ("Access", "Accounts, mailboxes and application access", "Identity and Access"),
        ("Office", "Office supplies and workplace services", "Service Desk"),
    ]

    static let items: [Item] = [
        Item(
            name: "Standard Laptop",
            short: "Lenovo ThinkPad T14 for everyday work",
            description:
                "<p>A 14-inch business laptop with 16 GB memory and 512 GB SSD, suitable for office work, email and video calls.</p>",
            category: "Hardware",
            price: "1100",
            variables: [
                Variable(name: "acrobat", question: "Adobe Acrobat", kind: .checkBox, defaultValue: "false"),
                Variable(name: "photoshop", question: "Adobe Photoshop", kind: .checkBox, defaultValue: "false"),
                Variable(
                    name: "additional_software_requirements",
                    question: "Additional software requirements",
                    kind: .multiLineText
                ),
            ],
            sysID: "04b7e94b4f7b4200086eeed18110c7fd"
        ),
        Item(
            name: "Developer Laptop (Mac)",
            short: "MacBook Pro 14-inch for engineers",
            description: "<p>MacBook Pro with 32 GB memory and 1 TB SSD for software development.</p>",
            category: "Hardware",
            price: "2499",
            variables: [
                Variable(
                    name: "memory",
                    question: "Memory",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("32gb", "32 GB"), ("64gb", "64 GB")],
                    defaultValue: "32gb"
                ),
                Variable(
                    name: "keyboard_layout",
                    question: "Keyboard layout",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("us", "US English"), ("uk", "UK English"), ("de", "German"), ("fr", "French")]
                ),
                Variable(
                    name: "additional_software_requirements",
                    question: "Additional software requirements",
                    kind: .multiLineText
                ),
            ]
        ),
        Item(
            name: "Sales Laptop",
            short: "Lightweight laptop for travelling staff",
            description: "<p>A 13-inch lightweight laptop with LTE for people who travel.</p>",
            category: "Hardware",
            price: "1350",
            variables: [
                Variable(name: "lte", question: "Include LTE modem", kind: .yesNo, defaultValue: "Yes")
            ]
        ),
        Item(
            name: "Apple iPad",
            short: "Apple iPad 10.9-inch with cover",
            description: "<p>iPad with Wi-Fi, a protective cover and company apps preinstalled.</p>",
            category: "Hardware",
            price: "599",
            variables: [
                Variable(
                    name: "color",
                    question: "Color",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("silver", "Silver"), ("blue", "Blue"), ("pink", "Pink")]
                ),
                Variable(
                    name: "storage",
                    question: "Storage",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("64", "64 GB"), ("256", "256 GB")]
                ),
            ],
            sysID: "060f3afa3731300054b6a3549dbe5d3e"
        ),
        Item(
            name: "Apple iPhone 15",
            short: "Company smartphone",
            description: "<p>iPhone 15 with a company data plan.</p>",
            category: "Hardware",
            price: "799",
            recurringPrice: "25",
            variables: [
                Variable(
                    name: "replacement",
                    question: "Is this a replacement for a lost or broken iPhone?",
                    kind: .yesNo,
                    mandatory: true
                ),
                Variable(
                    name: "data_plan",
                    question: "Monthly data plan",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("10gb", "10 GB"), ("unlimited", "Unlimited")]
                ),
                Variable(
                    name: "originalnumber",
                    question: "Original phone number (for replacements)",
                    kind: .singleLineText
                ),
            ]
        ),
        Item(
            name: "Standard Monitor",
            short: "Dell 27-inch monitor",
            description: "<p>27-inch QHD monitor with USB-C.</p>",
            category: "Peripherals",
            price: "329",
            variables: [
                Variable(
                    name: "quantity_needed",
                    question: "How many monitors?",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("1", "1"), ("2", "2")]
                )
            ]
        ),
        Item(
            name: "Wireless Keyboard and Mouse",
            short: "Logitech desktop set",
            description: "<p>Wireless keyboard and mouse set.</p>",
            category: "Peripherals",
            price: "79",
            variables: [
                Variable(
                    name: "layout",
                    question: "Keyboard layout",
                    kind: .selectBox,
                    choices: [("us", "US English"), ("uk", "UK English"), ("de", "German")]
                )
            ]
        ),
        Item(
            name: "Headset",
            short: "Noise-cancelling headset certified for Teams",
            description: "<p>USB-C headset with noise-cancelling microphone.</p>",
            category: "Peripherals",
            price: "149",
            variables: [
                Variable(
                    name: "style",
                    question: "Style",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("over_ear", "Over-ear"), ("in_ear", "In-ear")]
                )
            ]
        ),
        Item(
            name: "Docking Station",
            short: "USB-C docking station with dual display support",
            description: "<p>Docking station with two DisplayPort outputs, Ethernet and charging.</p>",
            category: "Peripherals",
            price: "219",
            variables: []
        ),
        Item(
            name: "Adobe Acrobat Pro",
            short: "Create and edit PDF documents",
            description: "<p>A named-user license for Adobe Acrobat Pro.</p>",
            category: "Software",
            price: "0",
            recurringPrice: "19.99",
            variables: [
                Variable(
                    name: "business_justification",
                    question: "Business justification",
                    kind: .multiLineText,
                    mandatory: true
                )
            ]
        ),
        Item(
            name: "Microsoft Visio",
            short: "Diagramming software",
            description: "<p>A license for Microsoft Visio Plan 2.</p>",
            category: "Software",
            price: "0",
            recurringPrice: "15",
            variables: [
                Variable(
                    name: "business_justification",
                    question: "Business justification",
                    kind: .multiLineText,
                    mandatory: true
                )
            ]
        ),
        Item(
            name: "New Email Account",
            short: "Mailbox for a new employee or a shared function",
            description: "<p>Creates a user or shared mailbox.</p>",
            category: "Access",
            price: "0",
            variables: [
                Variable(
                    name: "mailbox_type",
                    question: "Mailbox type",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("user", "User mailbox"), ("shared", "Shared mailbox")]
                ),
                Variable(
                    name: "email_alias",
                    question: "Requested email alias",
                    kind: .singleLineText,
                    mandatory: true,
                    help: "The part before @example.com"
                ),
                Variable(name: "display_name", question: "Display name", kind: .singleLineText),
            ]
        ),
        Item(
            name: "Request Access",
            short: "Access to a business application or share",
            description: "<p>Request access to applications, shared mailboxes and network shares.</p>",
            category: "Access",
            price: "0",
            variables: [
                Variable(
                    name: "application",
                    question: "Application",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [
                        ("sap", "SAP"), ("salesforce", "Salesforce"), ("jira", "Jira"), ("confluence", "Confluence"),
                        ("workday", "Workday"), ("file_share", "Network share"),
                    ]
                ),
                Variable(
                    name: "access_level",
                    question: "Access level",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [("read", "Read only"), ("write", "Read and write"), ("admin", "Administrator")],
                    defaultValue: "read"
                ),
                Variable(
                    name: "business_justification",
                    question: "Business justification",
                    kind: .multiLineText,
                    mandatory: true
                ),
            ]
        ),
        Item(
            name: "VPN Access",
            short: "Remote access for contractors and new staff",
            description: "<p>Enables VPN access for your account.</p>",
            category: "Access",
            price: "0",
            variables: [
                Variable(name: "needed_by", question: "Needed by", kind: .date),
                Variable(
                    name: "business_justification",
                    question: "Business justification",
                    kind: .multiLineText,
                    mandatory: true
                ),
            ]
        ),
        Item(
            name: "Office Supplies",
            short: "Pens, notebooks, paper and other supplies",
            description: "<p>Standard office supplies delivered to your desk.</p>",
            category: "Office",
            price: "0",
            variables: [
                Variable(
                    name: "item",
                    question: "What do you need?",
                    kind: .selectBox,
                    mandatory: true,
                    choices: [
                        ("pens", "Pens (box of 10)"), ("notebooks", "Notebooks (pack of 5)"),
                        ("paper", "Printer paper (500 sheets)"),
                        ("stapler", "Stapler"), ("sticky_notes", "Sticky notes"),
                    ]
                ),
                Variable(
                    name: "delivery_location",
                    question: "Desk or room number",
                    kind: .singleLineText,
                    mandatory: true
                ),
            ]
        ),
        Item(
            name: "Loaner Laptop",
            short: "Borrow a laptop for up to two weeks",
            description: "<p>A loaner laptop while yours is being repaired or for a temporary need.</p>",
            category: "Hardware",
            price: "0",
            variables: [
                Variable(name: "start_date", question: "From", kind: .date, mandatory: true),
                Variable(name: "end_date", question: "Until", kind: .date, mandatory: true),
            ]
        ),
        Item(
            name: "BlackBerry",
            short: "Retired: BlackBerry smartphone",
            description: "<p>No longer offered.</p>",
            category: "Hardware",
            price: "399",
            variables: [],
            active: false
        ),
    ]
}
