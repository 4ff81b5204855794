import Foundation
import JSON
import ServiceNowSimulator
import Testing

@testable import Gateway

extension BrowserTests {
    /// The reference widget at `/widget`, signed in as the demo user through the printed URL.
    @Suite struct WidgetTests {
        @Test func listsTheDemoUsersRecordsFromOneRequest() async throws {
            try await BrowserTest.run { demo, browser in
                #expect(try await demo.graphQLRequestCount() == 0)
                let widgetURL = try demo.widgetURL
                #expect(widgetURL.hasPrefix(demo.baseURL + "/widget#token="))
                try await browser.navigate(to: widgetURL)
                try await browser.waitForWidget()

                // The whole first screen — viewer, settings, four lists and counts — came from one request.
                #expect(try await demo.graphQLRequestCount() == 1)
                #expect(try await browser.execute("return document.getElementById('widget').dataset.requests") == "1")
                // The token was taken out of the address bar.
                #expect(try await browser.currentURL() == demo.baseURL + "/widget")
                #expect(try await browser.text("#viewer") == "Signed in as Abel Tuter")

                let control = demo.simulator.control
                let abel = try #require(demo.simulator.seed.user(named: "abel.tuter")).sysID
                var berlin = Calendar(identifier: .gregorian)
                berlin.timeZone = try #require(TimeZone(identifier: ChromeDriver.timeZone))
                for list in TicketList.allCases {
                    let expected = list.openRecords(of: abel, in: control)
                    let shown = try await browser.shownTickets(list)
                    #expect(try await browser.text("#count-\(list.rawValue)") == String(expected.count), "\(list)")
                    #expect(shown.map(\.number) == expected.prefix(10).map { $0["number"] }, "\(list)")
                    for (row, record) in zip(shown, expected) {
                        #expect(row.summary == record["short_description"])
                        #expect(row.href.hasPrefix(demo.simulator.baseURL) && row.href.contains(record.sysID))
                        #expect(row.badgeClass.hasPrefix("badge state-") && !row.state.isEmpty)
                        let iso = record["sys_updated_on"].replacingOccurrences(of: " ", with: "T") + "Z"
                        #expect(row.datetime == iso)
                        // Shown in the browser's time zone (chromedriver runs Chromium in Europe/Berlin).
                        let date = try #require(ISO8601DateFormatter().date(from: iso))
                        let parts = berlin.dateComponents([.hour, .minute], from: date)
                        let hour = (parts.hour ?? 0) % 12 == 0 ? 12 : (parts.hour ?? 0) % 12
                        #expect(row.time.contains(String(format: "%d:%02d", hour, parts.minute ?? 0)), "\(row.time)")
                    }
                    if list == .incidents { #expect(!expected.isEmpty, "the demo user has open incidents") }
                }
                // Record links open ServiceNow in a new tab without handing it this page.
                let links = try await browser.execute(
                    "return Array.from(document.querySelectorAll('.ticket a.number')).every(function (a) { return a.target === '_blank' && /noopener/.test(a.rel); });"
                )
                #expect(links == true)
                #expect(try await browser.isDisplayed("#logo"))
            }
        }

        @Test func loadMorePagesThroughTheWholeList() async throws {
            try await BrowserTest.run { demo, browser in
                let abel = try #require(demo.simulator.seed.user(named: "abel.tuter")).sysID
                let list = try #require(
                    TicketList.allCases.max {
                        $0.openRecords(of: abel, in: demo.simulator.control).count
                            < $1.openRecords(of: abel, in: demo.simulator.control).count
                    }
                )
                let expected = list.openRecords(of: abel, in: demo.simulator.control).map { $0["number"] }
                try #require(expected.count > 2, "the demo user has more than one page of \(list) at 2 a page")
                try await browser.navigate(to: demo.url("/widget", token: try demo.userToken, query: "pageSize=2"))
                try await browser.waitForWidget()
                try await browser.click("#tab-\(list.rawValue)")
                var pages = 1
                while try await browser.isDisplayed("#panel-\(list.rawValue) .load-more") {
                    let before = try await browser.shownTickets(list).count
                    try await browser.click("#panel-\(list.rawValue) .load-more")
                    try await browser.waitFor(
                        "the next page",
                        "return document.querySelectorAll('#panel-' + arguments[0] + ' .ticket').length > arguments[1];",
                        [.string(list.rawValue), .int(before)]
                    )
                    pages += 1
                    try #require(pages <= expected.count, "load more ends")
                }
                #expect(try await browser.shownTickets(list).map(\.number) == expected)
                #expect(
                    try await browser.text("#panel-\(list.rawValue) .shown")
                        == "Showing \(expected.count) of \(expected.count)"
                )
                // The render, then one request per further page.
                #expect(try await demo.graphQLRequestCount() == pages)
                #expect(pages == (expected.count + 1) / 2)
            }
        }

        @Test func tabsFollowTheARIAPatternAndWorkByKeyboard() async throws {
            try await BrowserTest.run { demo, browser in
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                func selected() async throws -> (tab: String?, panels: [String]) {
                    let tab = try await browser.execute(
                        "return document.querySelector('[role=tab][aria-selected=true]').id + '|' + (document.activeElement && document.activeElement.id);"
                    ).stringValue
                    let panels =
                        try await browser.execute(
                            "return Array.from(document.querySelectorAll('[role=tabpanel]')).filter(function (p) { return !p.hidden; }).map(function (p) { return p.id; });"
                        ).arrayValue?.compactMap(\.stringValue) ?? []
                    return (tab, panels)
                }
                try await browser.click("#tab-incidents")
                #expect(try await selected() == ("tab-incidents|tab-incidents", ["panel-incidents"]))
                try await browser.pressKeys([Key.arrowRight])
                #expect(try await selected() == ("tab-requests|tab-requests", ["panel-requests"]))
                try await browser.pressKeys([Key.end])
                #expect(try await selected() == ("tab-problems|tab-problems", ["panel-problems"]))
                try await browser.pressKeys([Key.arrowRight])
                #expect(try await selected() == ("tab-incidents|tab-incidents", ["panel-incidents"]))
                try await browser.pressKeys([Key.arrowLeft])
                #expect(try await selected() == ("tab-problems|tab-problems", ["panel-problems"]))
                try await browser.pressKeys([Key.home])
                #expect(try await selected() == ("tab-incidents|tab-incidents", ["panel-incidents"]))
                // Only the selected tab is in the Tab order; Tab moves on into its panel.
                let tabIndexes = try await browser.execute(
                    "return Array.from(document.querySelectorAll('[role=tab]')).map(function (t) { return t.tabIndex; });"
                )
                #expect(tabIndexes == [0, -1, -1, -1])
                try await browser.pressKeys([Key.tab])
                #expect(try await browser.execute("return document.activeElement.id") == "panel-incidents")
                #expect(try await demo.graphQLRequestCount() == 1)
            }
        }

        @Test(arguments: [(1280, 800), (360, 740)])
        func everyControlIsLabelledAndTextHasContrast(width: Int, height: Int) async throws {
            try await BrowserTest.run(width: width, height: height) { demo, browser in
                if width < 600 {
                    try await browser.setViewport(width: width, height: height, deviceScaleFactor: 2, mobile: true)
                }
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                try await browser.type("vpn", into: "#kb-search")
                try await browser.pressKeys([Key.enter])
                try await browser.waitForElement("#kb-results .article")
                #expect(try await browser.execute(Accessibility.audit) == [])
                #expect(try await browser.execute(Accessibility.contrast) == [])
                // Usable at phone width: nothing sticks out sideways, the actions and tabs are on screen.
                let overflow = try await browser.execute(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
                )
                #expect(overflow == 0)
                for selector in ["#new-incident", "#new-request", "#tab-incidents", "#kb-search"] {
                    let inside = try await browser.execute(
                        "var r = document.querySelector(arguments[0]).getBoundingClientRect(); return r.left >= 0 && r.right <= document.documentElement.clientWidth && r.width > 0;",
                        [.string(selector)]
                    )
                    #expect(inside == true, "\(selector) at \(width) px")
                }
                // The forms too.
                try await browser.click("#new-incident")
                try await browser.waitForElement("#incident-dialog[open] #incident-short")
                #expect(try await browser.execute(Accessibility.audit) == [])
                #expect(try await browser.execute(Accessibility.contrast) == [])
            }
        }

        @Test func raisingAnIncidentShowsItInTheListAndInServiceNow() async throws {
            try await BrowserTest.run { demo, browser in
                let abel = try #require(demo.simulator.seed.user(named: "abel.tuter")).sysID
                let before = TicketList.incidents.openRecords(of: abel, in: demo.simulator.control).count
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                try await browser.click("#tab-problems")
                try await browser.click("#new-incident")
                try await browser.waitForElement("#incident-dialog[open] #incident-short")
                #expect(try await browser.execute("return document.activeElement.id") == "incident-short")

                // The short description is required: nothing is sent without it.
                try await browser.click("#incident-submit")
                try await browser.waitForElement("#incident-error")
                #expect(try await browser.text("#incident-error") == "Enter a short description.")
                #expect(try await demo.graphQLRequestCount() == 1)

                let summary = "Browser test: the printer on floor 3 jams"
                try await browser.type(summary, into: "#incident-short")
                try await browser.type("Every second page since this morning.", into: "#incident-description")
                try await browser.execute("document.getElementById('incident-urgency').value = 'HIGH';")
                try await browser.execute("document.getElementById('incident-impact').value = 'MEDIUM';")
                try await browser.click("#incident-submit")

                let number = try #require(
                    try await browser.waitFor(
                        "the created incident's number",
                        "var a = document.querySelector('#notice .created-number'); return a ? a.textContent : null;"
                    ).stringValue
                )
                #expect(number.hasPrefix("INC"))
                #expect(try await browser.text("#notice")?.contains("Incident \(number) was created.") == true)
                try await browser.waitForWidget()
                // The lists were rendered again: the new incident is first, the count went up, its tab is shown.
                let rows = try await browser.shownTickets(.incidents)
                #expect(rows.first?.number == number)
                #expect(rows.first?.summary == summary)
                #expect(try await browser.text("#count-incidents") == String(before + 1))
                #expect(try await browser.isDisplayed("#panel-incidents"))
                #expect(!(try await browser.isDisplayed("#incident-dialog")))
                // The render, the mutation, the render after it.
                #expect(try await demo.graphQLRequestCount() == 3)

                let record = try #require(
                    demo.simulator.control.records(in: "incident").first { $0["number"] == number }
                )
                #expect(record["short_description"] == summary)
                #expect(record["description"] == "Every second page since this morning.")
                #expect(record["caller_id"] == abel)
                #expect(record["urgency"] == "1")
                #expect(record["impact"] == "2")
            }
        }

        @Test func orderingACatalogItemAnswersItsQuestions() async throws {
            try await BrowserTest.run { demo, browser in
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                try await browser.click("#new-request")
                try await browser.waitForElement("#request-dialog[open] .catalog-item")
                try await browser.type("iPad", into: "#catalog-search")
                try await browser.pressKeys([Key.enter])
                try await browser.waitFor(
                    "the iPad alone in the results",
                    "var items = document.querySelectorAll('.catalog-item'); return items.length === 1 && /Apple iPad/.test(items[0].textContent);"
                )
                try await browser.click(".catalog-item")
                try await browser.waitForElement("#order-variables select[data-variable=storage]")
                #expect(try await browser.text("#order-item-name") == "Apple iPad")
                // Select boxes are selects with the item's choices; mandatory ones are required.
                let color = try await browser.execute(
                    "var s = document.querySelector('select[data-variable=color]'); return [s.required, Array.from(s.options).map(function (o) { return o.value; })];"
                )
                #expect(color == [true, ["", "silver", "blue", "pink"]])

                try await browser.click("#order-submit")
                try await browser.waitForElement("#order-error")
                #expect(try await browser.text("#order-error") == "Answer every question marked *: Color, Storage.")

                try await browser.execute("document.querySelector('select[data-variable=color]').value = 'blue';")
                try await browser.execute("document.querySelector('select[data-variable=storage]').value = '256';")
                try await browser.clear(try await browser.waitForElement("#order-quantity"))
                try await browser.type("2", into: "#order-quantity")
                try await browser.click("#order-submit")
                let number = try #require(
                    try await browser.waitFor(
                        "the created request's number",
                        "var a = document.querySelector('#notice .created-number'); return a ? a.textContent : null;"
                    ).stringValue
                )
                #expect(number.hasPrefix("REQ"))
                try await browser.waitForWidget()
                #expect(try await browser.shownTickets(.requests).first?.number == number)
                #expect(try await browser.isDisplayed("#panel-requests"))

                let control = demo.simulator.control
                let request = try #require(control.records(in: "sc_request").first { $0["number"] == number })
                let item = try #require(control.records(in: "sc_req_item").first { $0["request"] == request.sysID })
                #expect(item["quantity"] == "2")
                #expect(item["cat_item"] == "060f3afa3731300054b6a3549dbe5d3e")
            }
        }

        @Test func knowledgeSearchShowsWhatTheGatewayFinds() async throws {
            try await BrowserTest.run { demo, browser in
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                try await browser.type("vpn", into: "#kb-search")
                try await browser.pressKeys([Key.enter])
                try await browser.waitForElement("#kb-results .article")
                // The render and the search.
                #expect(try await demo.graphQLRequestCount() == 2)
                let shown = try await browser.execute(
                    """
                    return Array.from(document.querySelectorAll('#kb-results .article')).map(function (a) {
                      var link = a.querySelector('a.article-title');
                      return [a.querySelector('.article-number').textContent, link.getAttribute('href'), link.target];
                    });
                    """
                )
                // The same search asked of the gateway directly, as the same user.
                let answer = try await demo.graphQL(
                    #"{ knowledgeArticles(search: "vpn", first: 5) { totalCount nodes { number url } } }"#,
                    token: try demo.userToken
                )
                let page = try #require(answer["data"]?["knowledgeArticles"])
                let nodes = try #require(page["nodes"]?.arrayValue)
                #expect(!nodes.isEmpty)
                let expected: [JSONValue] = nodes.map { node in
                    [node["number"] ?? .null, node["url"] ?? .null, "_blank"]
                }
                #expect(shown == .array(expected))
                let total = try #require(page["totalCount"]?.intValue)
                #expect(
                    try await browser.text("#kb-results .shown") == (total == 1 ? "1 article" : "\(total) articles")
                )
                for url in nodes.compactMap({ $0["url"]?.stringValue }) {
                    #expect(url.hasPrefix(demo.simulator.baseURL))
                }

                // Nothing found says so.
                let search = try await browser.waitForElement("#kb-search")
                try await browser.clear(search)
                try await browser.sendKeys("qqzzxxnothing", to: search)
                try await browser.pressKeys([Key.enter])
                try await browser.waitForElement("#kb-results .empty-inline")
                #expect(try await browser.text("#kb-results") == "No articles match \u{201C}qqzzxxnothing\u{201D}.")
            }
        }

        @Test func theAdminCanHideTheLogo() async throws {
            try await BrowserTest.run { demo, browser in
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                #expect(try await browser.isDisplayed("#logo svg"))
                #expect(
                    try await browser.execute("return document.querySelector('#logo svg title').textContent")
                        == "ServiceNow"
                )

                let answer = try await demo.graphQL(
                    "mutation { updateWidgetSettings(input: { showLogo: false }) { showLogo } }",
                    token: try demo.adminToken
                )
                #expect(answer["data"]?["updateWidgetSettings"]?["showLogo"] == false)

                // A fresh load: from `/widget` (the token already taken out of the address bar), the printed URL
                // would only change the fragment, which loads nothing.
                try await browser.navigate(to: "about:blank")
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                #expect(try await browser.execute("return document.getElementById('logo').hidden") == true)
                #expect(!(try await browser.isDisplayed("#logo svg")))
            }
        }

        @Test func connectingServiceNowThroughThePopup() async throws {
            try await BrowserTest.run { demo, browser in
                // A user of the intranet who has never connected ServiceNow.
                let token = try demo.token(subject: "abel.newcomer", name: "Abel Tuter")
                try await browser.navigate(to: demo.url("/widget", token: token))
                try await browser.waitForWidget("connect")
                #expect(try await browser.text("#message-title") == "Connect to ServiceNow")
                #expect(try await demo.graphQLRequestCount() == 1)
                let widgetWindow = try await browser.currentWindow()

                try await browser.click("#connect")
                let popup = try await Self.newWindow(besides: widgetWindow, in: browser)
                try await browser.switchToWindow(popup)
                // The simulator's own login and consent pages, filled in as a person would.
                try await browser.type("abel.tuter", into: "#user_name")
                try await browser.type(SimulatorSeed.password, into: "#user_password")
                try await browser.click("#sysverb_login")
                try await browser.click("#allow")
                // Consent redirects to the gateway's callback page, which reports to the widget and closes itself,
                // possibly before the browser could be asked where it is: the widget's state below is the proof.
                try await browser.switchToWindow(widgetWindow)

                // The callback page told the widget, which rendered again, connected.
                try await browser.waitForWidget()
                #expect(try await browser.text("#notice p") == "ServiceNow is connected.")
                let abel = try #require(demo.simulator.seed.user(named: "abel.tuter")).sysID
                let expected = TicketList.incidents.openRecords(of: abel, in: demo.simulator.control)
                #expect(
                    try await browser.shownTickets(.incidents).map(\.number) == expected.prefix(10).map { $0["number"] }
                )
                let identity = Identity(subject: "abel.newcomer", expiresAt: Date().addingTimeInterval(60))
                #expect(try await demo.server.operations.isConnected(identity))
                // The render, the authorize link at the click, the render after connecting.
                #expect(try await demo.graphQLRequestCount() == 3)
                // The popup closes itself once it has reported.
                let deadline = ContinuousClock.now + .seconds(20)
                while try await browser.windowHandles().count > 1, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(25))
                }
                #expect(try await browser.windowHandles() == [widgetWindow])
            }
        }

        @Test func denyingAccessInThePopupSaysSoInTheWidget() async throws {
            // The callback page that explains the refusal is answered 400, which the browser logs.
            try await BrowserTest.run(expectedConsoleErrors: ["/oauth/callback?error=access_denied"]) { demo, browser in
                let token = try demo.token(subject: "abel.hesitant", name: "Abel Tuter")
                try await browser.navigate(to: demo.url("/widget", token: token))
                try await browser.waitForWidget("connect")
                let widgetWindow = try await browser.currentWindow()
                try await browser.click("#connect")
                let popup = try await Self.newWindow(besides: widgetWindow, in: browser)
                try await browser.switchToWindow(popup)
                try await browser.type("abel.tuter", into: "#user_name")
                try await browser.type(SimulatorSeed.password, into: "#user_password")
                try await browser.click("#sysverb_login")
                try await browser.click("#deny")
                // The callback page explains it in the popup, and reports it to the widget.
                try await browser.waitForElement("#result")
                try await browser.switchToWindow(widgetWindow)
                try await browser.waitForElement("#message-error")
                #expect(try await browser.text("#message-error")?.hasPrefix("You did not allow access") == true)
                #expect(
                    try await browser.execute("return document.getElementById('widget').dataset.state") == "connect"
                )
                #expect(try await browser.isDisplayed("#connect"))
                let identity = Identity(subject: "abel.hesitant", expiresAt: Date().addingTimeInterval(60))
                #expect(!(try await demo.server.operations.isConnected(identity)))
                // The render and the authorize link; nothing rendered again.
                #expect(try await demo.graphQLRequestCount() == 2)
            }
        }

        /// The handle of a window other than `window`, once one is open.
        static func newWindow(besides window: String, in browser: WebDriver) async throws -> String {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                if let other = try await browser.windowHandles().first(where: { $0 != window }) { return other }
                try await Task.sleep(for: .milliseconds(25))
            }
            Issue.record("No popup window opened")
            throw WebDriver.Failure(command: "popup", status: 0, error: "timeout", message: "no popup")
        }

        /// How a ServiceNow failure shows, in every tab, and a tab's "Try again" once ServiceNow is back.
        enum Outage: String, CaseIterable, Sendable {
            case rateLimited, unavailable

            var fault: Fault {
                switch self {
                case .rateLimited: .rateLimited(retryAfterSeconds: 30, pathPrefix: "/api/now/v1/batch")
                case .unavailable: .serviceUnavailable(pathPrefix: "/api/now/v1/batch")
                }
            }

            var words: String {
                switch self {
                case .rateLimited: "ServiceNow is busy — try again in 30 s."
                case .unavailable: "ServiceNow is not answering right now. Try again in a little while."
                }
            }
        }

        @Test(arguments: Outage.allCases)
        func serviceNowFailuresShowInPlainWords(_ outage: Outage) async throws {
            try await BrowserTest.run { demo, browser in
                demo.simulator.control.inject(outage.fault)
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget(timeout: .seconds(30))
                for list in TicketList.allCases {
                    #expect(try await browser.text("#panel-\(list.rawValue) .alert") == outage.words, "\(list)")
                    #expect(try await browser.text("#count-\(list.rawValue)") == "!")
                }
                demo.simulator.control.clearFaults()
                try await browser.click("#panel-incidents .panel-error button")
                try await browser.waitForElement("#panel-incidents .ticket")
                #expect(try await browser.text("#panel-requests .alert") == outage.words)
                #expect(try await browser.text("#count-incidents") != "!")
            }
        }

        @Test func anUnconfiguredGatewaySendsTheUserToTheAdministrator() async throws {
            try await BrowserTest.run(configured: false) { demo, browser in
                let token = try demo.token(subject: "early.bird", name: "Early Bird")
                try await browser.navigate(to: demo.url("/widget", token: token))
                try await browser.waitForWidget("not-configured")
                #expect(try await browser.text("#message-title") == "ServiceNow is not set up yet")
                #expect(
                    try await browser.text("#message-text")
                        == "ServiceNow is not set up yet \u{2014} ask your administrator."
                )
                #expect(!(try await browser.isDisplayed("#connect")))
                // The name comes from the user's ServiceNow record, which there is none of yet.
                #expect(try await browser.text("#viewer") == "")
                #expect(try await demo.graphQLRequestCount() == 1)
            }
        }

        @Test func followingAnotherTokenLinkInTheOpenPageSwitchesUser() async throws {
            try await BrowserTest.run { demo, browser in
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                #expect(try await browser.currentURL() == demo.baseURL + "/widget")
                // Same document, only the fragment changes: no load, the page takes the new token from `hashchange`.
                let newcomer = try demo.token(subject: "new.colleague", name: "New Colleague")
                try await browser.navigate(to: demo.url("/widget", token: newcomer))
                try await browser.waitForWidget("connect")
                #expect(try await browser.currentURL() == demo.baseURL + "/widget")
                #expect(try await demo.graphQLRequestCount() == 2)
            }
        }

        @Test func aHostPageHandsTheTokenOverByPostMessage() async throws {
            try await BrowserTest.run { demo, browser in
                // A host page of the gateway's own origin (the default allowed one) that embeds the widget and
                // answers its "ready" with the user's token, as docs/WIDGET.md shows.
                try await browser.navigate(to: demo.baseURL + "/schema.graphql")
                try await browser.execute(
                    """
                    window.hostLog = [];
                    window.hostToken = arguments[0];
                    window.addEventListener('message', function (event) {
                      var frame = document.getElementById('widget-frame');
                      if (event.source !== frame.contentWindow || event.origin !== location.origin) { return; }
                      window.hostLog.push(event.data.type);
                      if (event.data.type === 'snowgate:ready' || event.data.type === 'snowgate:token-expired') {
                        frame.contentWindow.postMessage({ type: 'snowgate:token', token: window.hostToken }, location.origin);
                      }
                    });
                    var frame = document.createElement('iframe');
                    frame.id = 'widget-frame';
                    frame.title = 'ServiceNow';
                    frame.src = '/widget';
                    frame.width = 900; frame.height = 600;
                    document.body.appendChild(frame);
                    """,
                    [.string(try demo.userToken)]
                )
                let frame = try await browser.waitForElement("#widget-frame")
                try await browser.switchToFrame(frame)
                try await browser.waitForWidget()
                #expect(try await browser.text("#viewer") == "Signed in as Abel Tuter")
                #expect(try await browser.shownTickets(.incidents).count > 0)

                // The host refreshes the token for another user: the widget renders again as that user.
                try await browser.switchToFrame(nil)
                #expect(try await browser.execute("return window.hostLog") == ["snowgate:ready"])
                let other = try demo.token(subject: "someone.else", name: "Someone Else")
                try await browser.execute(
                    "document.getElementById('widget-frame').contentWindow.postMessage({ type: 'snowgate:token', token: arguments[0] }, location.origin);",
                    [.string(other)]
                )
                try await browser.switchToFrame(frame)
                try await browser.waitForWidget("connect")
                #expect(try await browser.text("#viewer") == "")
                #expect(try await demo.graphQLRequestCount() == 2)
            }
        }
    }
}
