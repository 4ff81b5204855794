/// The knowledge base: realistic self-help articles an employee portal shows.
enum SeedKnowledge {
    struct Article {
        var title: String
        var category: String
        var intro: String
        var steps: [String]
        var note: String
        var state: String = "published"
    }

    static let categories = [
        "Network", "Email and Collaboration", "Accounts and Security", "Hardware", "Software", "Mobile",
    ]

    static let articles: [Article] = [
        Article(
            title: "How to connect to the VPN",
            category: "Network",
            intro:
                "The corporate VPN (GlobalProtect) gives you secure access to internal systems from home or while travelling.",
            steps: [
                "Open GlobalProtect from the system tray or menu bar.",
                "Enter the portal address vpn.example.com if it is not filled in.",
                "Sign in with your company email and password and approve the MFA prompt.",
                "Wait until the status shows Connected before opening internal sites.",
            ],
            note:
                "If the connection drops every hour, update the client from Software Center to version 6.1.3 or later."
        ),
        Article(
            title: "VPN keeps disconnecting: troubleshooting steps",
            category: "Network",
            intro:
                "Frequent VPN disconnects are usually caused by an outdated client, an unstable home network or power saving settings.",
            steps: [
                "Check the client version under Settings > About and update it if it is older than 6.1.3.",
                "Switch from Wi-Fi to a cable or move closer to your router.",
                "Disable network adapter power saving in Device Manager.", "Restart the laptop and reconnect.",
            ],
            note:
                "If disconnects continue, raise an incident and attach the GlobalProtect logs (Settings > Troubleshooting > Collect Logs)."
        ),
        Article(
            title: "Connecting to the corporate Wi-Fi",
            category: "Network",
            intro: "Company laptops connect automatically to the CORP network. Personal devices use the GUEST network.",
            steps: [
                "Select the CORP network from the Wi-Fi list.",
                "When prompted, accept the certificate issued by Example Corp Root CA.",
                "Sign in with your company credentials if asked.",
            ],
            note:
                "Slow Wi-Fi in one area of the office? Report it with the floor and room so the Network team can check the access point."
        ),
        Article(
            title: "Getting guest Wi-Fi access for visitors",
            category: "Network",
            intro: "Visitors can use the GUEST network with a voucher that is valid for 24 hours.",
            steps: [
                "Open the visitor portal on the intranet.", "Enter the visitor's name and email address.",
                "Hand the printed or emailed voucher code to the visitor.",
            ],
            note: "Vouchers for more than 20 visitors (workshops, events) should be requested two days in advance."
        ),
        Article(
            title: "Mapping a network drive",
            category: "Network",
            intro: "Department shares are available as network drives on company laptops.",
            steps: [
                "Open File Explorer and select This PC.", "Choose Map network drive.",
                "Enter the share path, for example \\\\fs01\\finance, and tick Reconnect at sign-in.",
                "Sign in with your company credentials if prompted.",
            ],
            note:
                "'Access is denied' means you are not in the share's access group: request access through the Service Catalog."
        ),
        Article(
            title: "Setting up email on your iPhone or Android phone",
            category: "Mobile",
            intro: "Use the Outlook app to read company email, calendar and contacts on your phone.",
            steps: [
                "Install Microsoft Outlook from the App Store or Google Play.",
                "Open the app and enter your company email address.", "Sign in and approve the MFA prompt.",
                "Allow the app to be managed by Intune when asked.",
            ],
            note: "The built-in Mail app is not supported because it cannot enforce the company's security policies."
        ),
        Article(
            title: "Outlook keeps asking for my password",
            category: "Email and Collaboration",
            intro: "Repeated password prompts usually mean a stale credential is cached on your device.",
            steps: [
                "Close Outlook.", "Open Credential Manager and remove entries starting with MicrosoftOffice.",
                "Start Outlook and sign in once more.",
                "If prompts continue, restart the laptop while connected to the VPN or office network.",
            ],
            note: "Never enter your password in a prompt that appears in a browser window you did not open yourself."
        ),
        Article(
            title: "Adding a shared mailbox in Outlook",
            category: "Email and Collaboration",
            intro:
                "Shared mailboxes you have access to appear automatically within a few hours of being granted access.",
            steps: [
                "Wait up to two hours after access was granted.", "Restart Outlook.",
                "If it still does not appear, go to File > Account Settings > Change > More Settings > Advanced and add the mailbox.",
            ],
            note: "Request access to a shared mailbox through the Request Access catalog item."
        ),
        Article(
            title: "Creating an email signature with the company logo",
            category: "Email and Collaboration",
            intro: "All employees use the standard signature template so that external emails look consistent.",
            steps: [
                "Download the signature template from the brand portal.", "In Outlook, open Settings > Signatures.",
                "Paste the template and fill in your name, title and phone number.",
                "Set it as default for new messages and replies.",
            ],
            note: "Do not add quotes, images or banners other than the company logo."
        ),
        Article(
            title: "Sharing your screen in Microsoft Teams",
            category: "Email and Collaboration",
            intro: "You can share your whole screen, a single window or a PowerPoint presentation.",
            steps: [
                "Select Share in the meeting toolbar.", "Choose Screen, Window or a presentation.",
                "Select Stop sharing when you are done.",
            ],
            note:
                "If participants see a black screen, share a single window instead or set Teams to use the integrated graphics card."
        ),
        Article(
            title: "Reset your password with self-service",
            category: "Accounts and Security",
            intro: "You can reset a forgotten or expired password yourself, 24 hours a day.",
            steps: [
                "Go to the password reset portal from the login page (Forgot password?).",
                "Enter your user name and complete the MFA verification.",
                "Choose a new password of at least 14 characters.",
                "Sign in again on every device with the new password.",
            ],
            note: "Passwords expire every 180 days. You will get reminder emails 14 days before."
        ),
        Article(
            title: "Unlocking your account",
            category: "Accounts and Security",
            intro: "Accounts lock for 15 minutes after 10 failed sign-in attempts.",
            steps: [
                "Wait 15 minutes and try again with the correct password.",
                "If you forgot the password, use the self-service reset.",
                "Check your phone and other devices for an old saved password that keeps failing.",
            ],
            note: "Call the Service Desk if the account locks again right after unlocking."
        ),
        Article(
            title: "Setting up multi-factor authentication (MFA)",
            category: "Accounts and Security",
            intro: "Multi-factor authentication protects your account even if your password is stolen.",
            steps: [
                "Install Microsoft Authenticator on your phone.",
                "Go to the security info page and select Add sign-in method.", "Scan the QR code with the app.",
                "Approve the test notification.",
            ],
            note: "Register a second method (a phone number) so you can still sign in if you lose your phone."
        ),
        Article(
            title: "Moving MFA to a new phone",
            category: "Accounts and Security",
            intro: "When you replace your phone, move your authenticator before you reset the old one.",
            steps: [
                "On the old phone, keep the Authenticator app installed.",
                "Sign in to the security info page from your laptop.",
                "Add the new phone as a sign-in method and approve the test.", "Delete the old phone from the list.",
            ],
            note: "Lost your old phone? Call the Service Desk to verify your identity and get a temporary access pass."
        ),
        Article(
            title: "How to recognise and report phishing",
            category: "Accounts and Security",
            intro: "Phishing emails try to make you click a link, open an attachment or share your credentials.",
            steps: [
                "Check the sender's address, not just the display name.",
                "Hover over links to see where they really go.",
                "Never enter your password on a page you reached from an email.",
                "Use the Report Phishing button in Outlook.",
            ],
            note:
                "If you clicked a link or entered your password, reset your password immediately and call the Service Desk."
        ),
        Article(
            title: "Laptop will not start",
            category: "Hardware",
            intro: "Most start-up problems are caused by a drained battery or a stuck update.",
            steps: [
                "Connect the original charger and wait five minutes.",
                "Hold the power button for 15 seconds, then start the laptop.",
                "Disconnect the docking station and all USB devices.",
                "If you see a blinking cursor on a black screen, raise an incident.",
            ],
            note: "Bring the laptop to the Tech Bar if it shows no sign of power at all."
        ),
        Article(
            title: "Extending laptop battery life",
            category: "Hardware",
            intro: "A few settings make a large difference to how long your battery lasts.",
            steps: [
                "Use the Balanced or Battery saver power mode.", "Lower the screen brightness.",
                "Close browser tabs and apps you are not using.",
                "Unplug the charger once the battery is full if you work on battery often.",
            ],
            note: "Batteries that last less than two hours are replaced free of charge within the warranty period."
        ),
        Article(
            title: "Docking station does not detect monitors",
            category: "Hardware",
            intro: "Display detection problems with docking stations are often fixed by a firmware update.",
            steps: [
                "Disconnect the dock's power for 30 seconds.", "Reconnect power, then the laptop.",
                "Install the latest dock firmware from Software Center.", "Check Display settings and select Detect.",
            ],
            note: "Use the cables that came with the dock; some HDMI adapters are not supported."
        ),
        Article(
            title: "Fixing printer paper jams",
            category: "Hardware",
            intro: "Clear paper jams carefully to avoid damaging the printer.",
            steps: [
                "Open the doors shown on the printer's display.",
                "Pull jammed paper out slowly in the direction of the paper path.",
                "Fan the paper stack before putting it back in the tray.",
                "Check that the paper guides touch the stack.",
            ],
            note: "If a printer jams more than twice a day, report it so the managed print vendor can service it."
        ),
        Article(
            title: "Adding a network printer",
            category: "Hardware",
            intro: "Network printers are installed from the print server so that drivers stay up to date.",
            steps: [
                "Open Settings > Printers and scanners.",
                "Select Add device, then The printer that I want isn't listed.",
                "Enter \\\\print01\\ followed by the printer name shown on its label.", "Print a test page.",
            ],
            note: "Secure printing: your job is released only when you tap your badge on the printer."
        ),
        Article(
            title: "Requesting a new laptop",
            category: "Hardware",
            intro: "Laptops are replaced every four years or when they are beyond repair.",
            steps: [
                "Open the Service Catalog and select Standard Laptop or Developer Laptop.",
                "Answer the questions about software and accessories.", "Submit the request; your manager approves it.",
                "You are notified when the laptop is ready to collect.",
            ],
            note: "Back up local files to OneDrive before your old laptop is collected."
        ),
        Article(
            title: "Installing software from Software Center",
            category: "Software",
            intro: "Approved software is installed from Software Center without administrator rights.",
            steps: [
                "Open Software Center from the Start menu.", "Search for the application.",
                "Select Install and keep the laptop connected to power.", "Restart if asked.",
            ],
            note: "Software that is not in Software Center can be requested through the Service Catalog."
        ),
        Article(
            title: "OneDrive is not syncing",
            category: "Software",
            intro: "Sync problems are usually caused by file names, file size or a paused client.",
            steps: [
                "Click the OneDrive cloud icon and check whether sync is paused.",
                "Look for files with characters such as : * ? in the name.",
                "Make sure no single file is larger than 250 GB.", "Sign out of OneDrive and sign in again.",
            ],
            note: "Very large libraries (over 100,000 files) should be added as shortcuts rather than synced in full."
        ),
        Article(
            title: "Excel crashes with large workbooks",
            category: "Software",
            intro: "Very large workbooks can exceed the memory available to Excel.",
            steps: [
                "Close other Office applications.",
                "Open Excel in safe mode (hold Ctrl while starting) and open the file.",
                "Remove unused sheets, pivot caches and external links.", "Save as .xlsb to reduce the file size.",
            ],
            note: "Consider moving data sets above 1 million rows to Power BI."
        ),
        Article(
            title: "Getting access to SAP",
            category: "Software",
            intro: "SAP roles are granted per business process after your manager's approval.",
            steps: [
                "Open the Request Access catalog item.", "Choose SAP and the role your manager told you.",
                "Describe the business reason.", "Wait for the approval and the confirmation email.",
            ],
            note: "Your SAP password is synchronised with your company password within an hour after a change."
        ),
        Article(
            title: "Requesting an Adobe Acrobat license",
            category: "Software",
            intro: "Acrobat Pro is licensed per user. Acrobat Reader is free for everyone.",
            steps: [
                "Open the Adobe Acrobat Pro catalog item.", "Submit the request with a short justification.",
                "Sign out and in again in Acrobat once the license is assigned.",
            ],
            note: "Licenses not used for 90 days are reclaimed automatically."
        ),
        Article(
            title: "Enrolling your phone in Intune",
            category: "Mobile",
            intro: "Phones used for company email must be enrolled in device management.",
            steps: [
                "Install the Company Portal app.", "Sign in with your company account.",
                "Follow the steps to create a work profile (Android) or install the management profile (iPhone).",
                "Wait until the app shows Compliant.",
            ],
            note: "Enrollment fails if the phone's operating system is more than two major versions old."
        ),
        Article(
            title: "What to do if your phone is lost or stolen",
            category: "Mobile",
            intro: "Report a lost or stolen device immediately so company data can be protected.",
            steps: [
                "Call the Service Desk or raise an incident from another device.", "Change your password.",
                "If the phone is company-owned, it will be wiped remotely.",
            ],
            note: "For personal phones only the work profile is wiped; your photos and apps are not touched."
        ),
        Article(
            title: "Using the conference room displays",
            category: "Hardware",
            intro: "All meeting rooms have a wall display with a USB-C cable and wireless sharing.",
            steps: [
                "Connect the USB-C cable on the table, or open the sharing app and enter the room code.",
                "Press the input button on the remote if the display does not switch.",
                "Disconnect when you leave the room.",
            ],
            note: "Report broken equipment with the room name so it can be fixed before the next meeting."
        ),
        Article(
            title: "Restoring deleted files",
            category: "Software",
            intro: "Deleted files can be restored from the recycle bin or from backups.",
            steps: [
                "Check the Recycle Bin on your laptop or in OneDrive (kept for 93 days).",
                "For network shares, right-click the folder and choose Restore previous versions.",
                "If neither works, raise a request with the path and the time of deletion.",
            ],
            note: "Nightly backups of network shares are kept for 30 days."
        ),
        Article(
            title: "Windows 10 end of support: upgrading to Windows 11",
            category: "Software",
            intro: "All company laptops are being upgraded to Windows 11.",
            steps: [
                "Save your work and connect to power.", "Open Software Center and select Windows 11 Upgrade.",
                "Allow about 90 minutes for the upgrade.",
            ],
            note: "Draft: schedule to be confirmed per department.",
            state: "draft"
        ),
        Article(
            title: "New printing service (pilot)",
            category: "Hardware",
            intro: "The new managed print service is being piloted on the 2nd floor.",
            steps: ["Print to the FollowMe queue.", "Tap your badge on any pilot printer."],
            note: "This article is in review.",
            state: "review"
        ),
        Article(
            title: "Legacy VPN client (Cisco AnyConnect) setup",
            category: "Network",
            intro: "The Cisco AnyConnect client was replaced by GlobalProtect.",
            steps: ["Uninstall AnyConnect.", "Install GlobalProtect from Software Center."],
            note: "This article is retired; see How to connect to the VPN.",
            state: "retired"
        ),
        Article(
            title: "BlackBerry email setup",
            category: "Mobile",
            intro: "BlackBerry devices are no longer supported.",
            steps: ["Return the device to IT."],
            note: "Retired article kept for reference.",
            state: "retired"
        ),
        Article(
            title: "Lotus Notes migration FAQ",
            category: "Email and Collaboration",
            intro: "Answers to common questions about the migration from Lotus Notes to Outlook.",
            steps: ["Your mail was migrated automatically.", "Archives (.nsf files) can be imported on request."],
            note: "This article will be retired soon.",
            state: "pending_retirement"
        ),
    ]

    /// The article's HTML body.
    static func html(_ article: Article) -> String {
        let steps = article.steps.map { "<li>\(HTMLText.escape($0))</li>" }.joined()
        return "<p>\(HTMLText.escape(article.intro))</p><h3>Steps</h3><ol>\(steps)</ol>"
            + "<p><strong>Note:</strong> \(HTMLText.escape(article.note))</p>"
    }
}
