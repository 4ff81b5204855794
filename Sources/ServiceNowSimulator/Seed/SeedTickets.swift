/// Realistic ticket texts for the seed: what employees actually write and what agents answer.
enum SeedTickets {
    struct IncidentTemplate {
        var short: String
        var description: String
        var category: String
        var subcategory: String
        var group: String
    }

    static let incidents: [IncidentTemplate] = [
        .init(
            short: "VPN disconnects every hour",
            description:
                "My VPN connection drops roughly every 60 minutes and I have to log in again. It started after the client update last week.",
            category: "network",
            subcategory: "vpn",
            group: "Network"
        ),
        .init(
            short: "Cannot connect to VPN from home",
            description:
                "GlobalProtect says 'Gateway not responding' when I try to connect from my home network. Mobile hotspot has the same problem.",
            category: "network",
            subcategory: "vpn",
            group: "Network"
        ),
        .init(
            short: "Wi-Fi very slow on 3rd floor",
            description:
                "Since Monday the corporate Wi-Fi on the third floor is extremely slow; video calls freeze and file uploads time out.",
            category: "network",
            subcategory: "wireless",
            group: "Network"
        ),
        .init(
            short: "Unable to join guest Wi-Fi for visitor",
            description:
                "Our visitors cannot get the guest Wi-Fi voucher page to load. We have a customer workshop tomorrow morning.",
            category: "network",
            subcategory: "wireless",
            group: "Network"
        ),
        .init(
            short: "Email not syncing on phone",
            description:
                "Outlook on my iPhone stopped syncing mail yesterday afternoon. Calendar still works. I have not changed my password.",
            category: "software",
            subcategory: "email",
            group: "Software"
        ),
        .init(
            short: "Outlook keeps asking for password",
            description:
                "Outlook prompts for my password every few minutes even though I enter it correctly. Webmail works fine.",
            category: "software",
            subcategory: "email",
            group: "Software"
        ),
        .init(
            short: "Shared mailbox missing in Outlook",
            description:
                "The Sales Operations shared mailbox disappeared from my Outlook folder list this morning. Colleagues still see it.",
            category: "software",
            subcategory: "email",
            group: "Software"
        ),
        .init(
            short: "Email to external partner bounces",
            description:
                "Mails to our partner's domain bounce with '550 5.7.1 message rejected'. This is blocking a contract signature.",
            category: "software",
            subcategory: "email",
            group: "Software"
        ),
        .init(
            short: "Password reset needed",
            description:
                "I was locked out after too many attempts and cannot log in to my laptop. Please reset my password.",
            category: "inquiry",
            subcategory: "password",
            group: "Identity and Access"
        ),
        .init(
            short: "MFA prompt not arriving on new phone",
            description:
                "I replaced my phone and the authenticator push notifications no longer arrive. I cannot sign in to any cloud app.",
            category: "inquiry",
            subcategory: "mfa",
            group: "Identity and Access"
        ),
        .init(
            short: "Account locked after vacation",
            description:
                "My account seems to be locked after returning from two weeks of vacation; the password expired while I was away.",
            category: "inquiry",
            subcategory: "password",
            group: "Identity and Access"
        ),
        .init(
            short: "Laptop will not boot",
            description:
                "My laptop shows a black screen with a blinking cursor after the BIOS logo. It was working fine yesterday.",
            category: "hardware",
            subcategory: "laptop",
            group: "Hardware"
        ),
        .init(
            short: "Laptop battery drains in an hour",
            description: "The battery on my two-year-old laptop lasts barely an hour now, even with the screen dimmed.",
            category: "hardware",
            subcategory: "laptop",
            group: "Hardware"
        ),
        .init(
            short: "Laptop overheating and fan noise",
            description:
                "The fan runs at full speed constantly and the laptop gets too hot to touch during video calls.",
            category: "hardware",
            subcategory: "laptop",
            group: "Hardware"
        ),
        .init(
            short: "Docking station not detecting monitors",
            description:
                "When I connect to the docking station, neither of my two external monitors is detected. Charging works.",
            category: "hardware",
            subcategory: "peripheral",
            group: "Hardware"
        ),
        .init(
            short: "Printer on 2nd floor jams constantly",
            description:
                "The printer next to the kitchen on the 2nd floor jams on almost every job. Tray 2 seems to be the problem.",
            category: "hardware",
            subcategory: "printer",
            group: "Hardware"
        ),
        .init(
            short: "Cannot print to network printer",
            description:
                "Print jobs to PRN-LON-04 stay in the queue with status 'Error - Printing'. Other printers work.",
            category: "hardware",
            subcategory: "printer",
            group: "Hardware"
        ),
        .init(
            short: "Keyboard keys not responding",
            description:
                "Several keys on my laptop keyboard (E, R and the space bar) stopped responding after a small coffee spill.",
            category: "hardware",
            subcategory: "keyboard",
            group: "Hardware"
        ),
        .init(
            short: "Headset microphone not working in Teams",
            description:
                "Colleagues cannot hear me in Teams calls. The headset works on my phone, and Teams shows the right device.",
            category: "hardware",
            subcategory: "peripheral",
            group: "Help Desk"
        ),
        .init(
            short: "Monitor flickering",
            description: "My external monitor flickers every few seconds. I already tried another cable.",
            category: "hardware",
            subcategory: "monitor",
            group: "Hardware"
        ),
        .init(
            short: "SAP login fails with error",
            description:
                "SAP GUI shows 'Name or password is incorrect (repeat logon)' although I use the same password as for Windows.",
            category: "software",
            subcategory: "sap",
            group: "Software"
        ),
        .init(
            short: "Excel crashes when opening large file",
            description:
                "Excel closes without a message when I open the quarterly forecast workbook (80 MB). Smaller files open fine.",
            category: "software",
            subcategory: "office",
            group: "Software"
        ),
        .init(
            short: "Teams screen sharing shows black screen",
            description:
                "When I share my screen in Teams, participants only see a black rectangle. Sharing a single window works.",
            category: "software",
            subcategory: "collaboration",
            group: "Software"
        ),
        .init(
            short: "Adobe Acrobat license expired",
            description:
                "Acrobat says my license has expired and switched to Reader mode. I need to edit PDFs for a customer proposal.",
            category: "software",
            subcategory: "license",
            group: "Software"
        ),
        .init(
            short: "Salesforce reports not loading",
            description: "Dashboards in Salesforce spin forever and then show 'An internal server error has occurred'.",
            category: "software",
            subcategory: "crm",
            group: "Software"
        ),
        .init(
            short: "Software Center install stuck at 0%",
            description:
                "Installing Visual Studio Code from Software Center has been stuck at 0% downloading for two hours.",
            category: "software",
            subcategory: "installation",
            group: "Software"
        ),
        .init(
            short: "OneDrive not syncing files",
            description:
                "OneDrive shows 'Processing changes' for a day and my files are not uploaded. There is enough disk space.",
            category: "software",
            subcategory: "storage",
            group: "Software"
        ),
        .init(
            short: "Browser shows certificate error on intranet",
            description:
                "Chrome warns 'Your connection is not private' when I open the intranet. Edge shows the same warning.",
            category: "network",
            subcategory: "dns",
            group: "Network"
        ),
        .init(
            short: "Cannot access shared drive",
            description:
                "Mapping the Finance share (\\\\fs01\\finance) fails with 'Access is denied' since this morning.",
            category: "network",
            subcategory: "file_share",
            group: "Network"
        ),
        .init(
            short: "Reporting database very slow",
            description:
                "Queries against the reporting database take minutes instead of seconds; month-end reports are late.",
            category: "database",
            subcategory: "performance",
            group: "Database"
        ),
        .init(
            short: "Database connection pool exhausted on CRM",
            description:
                "The CRM application logs 'Timeout waiting for idle object' for the database pool during business hours.",
            category: "database",
            subcategory: "availability",
            group: "Database"
        ),
        .init(
            short: "Backup job failed on SQL cluster",
            description:
                "The nightly backup job for the SQL cluster failed with 'insufficient space on backup volume'.",
            category: "database",
            subcategory: "backup",
            group: "Database"
        ),
        .init(
            short: "New hire has no laptop on first day",
            description: "A new team member started today and no laptop has been prepared. Please help urgently.",
            category: "inquiry",
            subcategory: "onboarding",
            group: "Service Desk"
        ),
        .init(
            short: "How do I set up an email signature?",
            description: "Can you tell me where to configure my email signature with the new company logo?",
            category: "inquiry",
            subcategory: "how_to",
            group: "Service Desk"
        ),
        .init(
            short: "Request to restore deleted file",
            description:
                "I accidentally deleted a folder from the project share yesterday around 4 pm. Can it be restored?",
            category: "inquiry",
            subcategory: "restore",
            group: "Service Desk"
        ),
        .init(
            short: "Phishing email received",
            description:
                "I received an email asking me to confirm my payroll details on an external site. I did not click the link.",
            category: "inquiry",
            subcategory: "security",
            group: "Service Desk"
        ),
        .init(
            short: "Conference room display not working",
            description:
                "The wall display in room Everest does not show the laptop input; the room has a board meeting at 2 pm.",
            category: "hardware",
            subcategory: "av",
            group: "Help Desk"
        ),
        .init(
            short: "Desk phone has no dial tone",
            description: "My desk phone shows 'Registering' and has no dial tone since the office move.",
            category: "hardware",
            subcategory: "phone",
            group: "Help Desk"
        ),
        .init(
            short: "Mobile device enrollment fails",
            description: "Enrolling my new Android phone in Intune fails at 'Checking device compliance'.",
            category: "software",
            subcategory: "mobile",
            group: "Identity and Access"
        ),
        .init(
            short: "Jira access denied after team change",
            description:
                "After moving to the Platform team I get 'You do not have permission to view this issue' in Jira.",
            category: "software",
            subcategory: "access",
            group: "Identity and Access"
        ),
    ]

    static let comments = [
        "Thanks for the quick response. I will try this and let you know.",
        "This is still happening this morning, same as before.",
        "I restarted as suggested, but the problem came back after a few minutes.",
        "Is there any update on this? It is blocking my work.",
        "Confirmed, it works now. Thanks a lot!",
        "I will be out of office tomorrow; my colleague can provide access to the device.",
    ]

    static let workNotes = [
        "Checked the logs; the error matches a known issue. Applying the documented workaround.",
        "Remote session with the user scheduled for this afternoon.",
        "Escalated to second level with logs attached.",
        "Replaced the device; old one sent for repair.",
        "Reset done and verified with the user by phone.",
        "Waiting on the vendor to confirm the fix in their next release.",
    ]

    static let closeNotes = [
        ("Solution provided", "Guided the user through the fix; confirmed working."),
        ("Workaround provided", "Applied the documented workaround until the permanent fix is released."),
        ("Resolved by caller", "The caller reported the issue resolved itself after a restart."),
        ("Resolved by change", "Fixed by the configuration change deployed this week."),
        ("User error", "The settings were incorrect; corrected them together with the user."),
    ]

    struct ProblemTemplate {
        var short: String
        var description: String
        var category: String
        var group: String
    }

    static let problems: [ProblemTemplate] = [
        .init(
            short: "Recurring VPN disconnects after client update",
            description: "Multiple users report hourly VPN drops since client version 6.1 was rolled out.",
            category: "network",
            group: "Network"
        ),
        .init(
            short: "Outlook credential prompts on mobile devices",
            description: "Modern authentication tokens are not refreshed on some mobile mail clients.",
            category: "software",
            group: "Software"
        ),
        .init(
            short: "Printers on 2nd floor jam frequently",
            description: "Paper jams on the same printer model across floors point to a firmware or paper stock issue.",
            category: "hardware",
            group: "Hardware"
        ),
        .init(
            short: "Reporting database performance degradation",
            description: "Query times on the reporting database doubled after the last statistics job change.",
            category: "database",
            group: "Database"
        ),
        .init(
            short: "Wi-Fi access points dropping clients",
            description: "Access points on floors 3 and 4 disconnect clients under load.",
            category: "network",
            group: "Network"
        ),
        .init(
            short: "Docking stations fail to detect displays",
            description: "A docking station firmware defect prevents dual display detection on some laptop models.",
            category: "hardware",
            group: "Hardware"
        ),
        .init(
            short: "SAP logon failures after password change",
            description: "Password synchronisation to SAP is delayed by up to an hour.",
            category: "software",
            group: "Software"
        ),
        .init(
            short: "CRM database connection pool exhaustion",
            description: "Connection leaks in the CRM integration layer exhaust the pool at peak times.",
            category: "database",
            group: "Database"
        ),
        .init(
            short: "OneDrive sync stalls for large libraries",
            description: "Sync client stalls for document libraries above 100,000 files.",
            category: "software",
            group: "Software"
        ),
        .init(
            short: "Intranet certificate warnings",
            description: "Intermediate certificate missing on one load balancer node.",
            category: "network",
            group: "Network"
        ),
        .init(
            short: "Laptop batteries degrading early",
            description: "Batteries of one laptop model degrade after 18 months, well before the expected lifetime.",
            category: "hardware",
            group: "Hardware"
        ),
        .init(
            short: "Teams screen sharing black screen on dual GPU laptops",
            description: "Screen sharing fails when the app runs on the discrete GPU.",
            category: "software",
            group: "Software"
        ),
        .init(
            short: "Nightly backups failing for lack of space",
            description: "Backup volume growth was not forecast; retention needs review.",
            category: "database",
            group: "Database"
        ),
        .init(
            short: "MFA push notifications delayed",
            description: "Push notifications are delayed for users with battery optimisation enabled.",
            category: "software",
            group: "Software"
        ),
        .init(
            short: "Desk phones not registering after office move",
            description: "Phones in the new wing use a VLAN without the voice DHCP options.",
            category: "network",
            group: "Network"
        ),
    ]

    struct ChangeTemplate {
        var short: String
        var description: String
        var category: String
        var group: String
    }

    static let changes: [ChangeTemplate] = [
        .init(
            short: "Upgrade VPN gateway firmware",
            description: "Upgrade both VPN gateways to the vendor's fixed firmware to stop hourly disconnects.",
            category: "Network",
            group: "Network"
        ),
        .init(
            short: "Replace access points on floors 3 and 4",
            description: "Swap 12 access points for the current model and re-survey the floors.",
            category: "Network",
            group: "Network"
        ),
        .init(
            short: "Patch SQL cluster with latest cumulative update",
            description: "Apply the latest cumulative update to the reporting SQL cluster, one node at a time.",
            category: "Software",
            group: "Database"
        ),
        .init(
            short: "Extend backup volume by 4 TB",
            description: "Add capacity to the backup volume and adjust retention policies.",
            category: "Hardware",
            group: "Database"
        ),
        .init(
            short: "Roll out docking station firmware 1.0.14",
            description: "Push docking station firmware through the device management tool to all affected models.",
            category: "Hardware",
            group: "Hardware"
        ),
        .init(
            short: "Renew intranet TLS certificate",
            description: "Install the renewed certificate chain on all load balancer nodes.",
            category: "Network",
            group: "Network"
        ),
        .init(
            short: "Enable modern authentication for mobile mail",
            description: "Switch mobile mail clients to modern authentication and retire basic auth.",
            category: "Software",
            group: "Software"
        ),
        .init(
            short: "Monthly Windows patching",
            description: "Standard monthly security patching of Windows servers in the maintenance window.",
            category: "Software",
            group: "Software"
        ),
        .init(
            short: "Add voice VLAN to new office wing",
            description: "Configure voice VLAN and DHCP options on the switches in the new wing.",
            category: "Network",
            group: "Network"
        ),
        .init(
            short: "Upgrade CRM integration connection pool library",
            description: "Deploy the fixed connection pool library to stop connection leaks.",
            category: "Software",
            group: "Software"
        ),
        .init(
            short: "Decommission legacy file server FS02",
            description: "Migrate remaining shares from FS02 and power the server off.",
            category: "Hardware",
            group: "Hardware"
        ),
        .init(
            short: "Emergency firewall rule for partner SFTP",
            description: "Open SFTP from the partner's new IP range to unblock the nightly file transfer.",
            category: "Network",
            group: "Network"
        ),
        .init(
            short: "Increase mailbox quota for Sales",
            description: "Raise the mailbox quota for the Sales department from 50 GB to 100 GB.",
            category: "Service",
            group: "Software"
        ),
        .init(
            short: "Replace printer fleet on 2nd floor",
            description: "Replace four printers with the new managed print model.",
            category: "Hardware",
            group: "Hardware"
        ),
        .init(
            short: "Rotate service account passwords",
            description: "Quarterly rotation of service account passwords for integrations.",
            category: "Other",
            group: "Identity and Access"
        ),
    ]

    static let implementationPlan =
        "1. Announce the maintenance window.\n2. Take backups and verify them.\n3. Apply the change on the first node, test, then continue.\n4. Confirm monitoring is green."
    static let backoutPlan = "Restore the previous configuration from backup and restart the affected services."
    static let testPlan = "Run the smoke tests, check monitoring and confirm with two pilot users."
}
