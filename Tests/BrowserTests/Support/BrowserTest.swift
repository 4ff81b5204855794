import CurlHTTP
import Foundation
import JSON
import ServiceNowSimulator
import Testing

@testable import Gateway

/// One browser test: a fresh demo set-up, a fresh Chromium session in the suite's chromedriver, and at the end a
/// check that the browser console recorded no error (a Content-Security-Policy violation, a script error, a failed
/// load) but those the test expects (`expectedConsoleErrors`: parts of the message).
enum BrowserTest {
    static func run(
        width: Int = 1280,
        height: Int = 800,
        expectedConsoleErrors: [String] = [],
        configured: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (DemoEnvironment, WebDriver) async throws -> Void
    ) async throws {
        let driver = try #require(
            ChromeDriver.current,
            "The browser tests run inside the ChromeDriver suite trait",
            sourceLocation: sourceLocation
        )
        let client = try CurlClient()
        do {
            try await DemoEnvironment.withRunning(client: client, configured: configured) { demo in
                let browser = try await WebDriver.start(
                    driverURL: driver.url,
                    client: client,
                    width: width,
                    height: height
                )
                do {
                    try await body(demo, browser)
                    // A failed fetch the test asked for (a 400 for a bad query) is logged by the browser too.
                    // Chromium asks every origin for /favicon.ico on its own; pages without an icon link (the
                    // simulator's login, the OAuth callback) answer that with a 4xx the page never asked for.
                    let errors = try await browser.consoleMessages().filter { entry in
                        entry.level == "SEVERE" && !entry.message.contains("/favicon.ico - Failed to load resource")
                            && !expectedConsoleErrors.contains { entry.message.contains($0) }
                    }
                    #expect(errors.isEmpty, "console errors: \(errors.map(\.message))", sourceLocation: sourceLocation)
                } catch {
                    await browser.quit()
                    throw error
                }
                await browser.quit()
            }
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }
}

/// The four lists of the widget, and which of the viewer's records each holds.
enum TicketList: String, CaseIterable, Sendable {
    case incidents, requests, changeRequests, problems

    var table: String {
        switch self {
        case .incidents: "incident"
        case .requests: "sc_request"
        case .changeRequests: "change_request"
        case .problems: "problem"
        }
    }

    /// The user's open records as the simulator holds them now, in the gateway's order (most recently updated
    /// first, then by sys_id).
    func openRecords(of user: String, in control: SimulatorControl) -> [Record] {
        control.records(in: table).filter { record in
            let owner: Bool
            switch self {
            case .incidents: owner = record["caller_id"] == user || record["opened_by"] == user
            case .requests: owner = record["requested_for"] == user || record["opened_by"] == user
            case .changeRequests: owner = record["requested_by"] == user
            case .problems: owner = record["opened_by"] == user
            }
            return owner && record["active"] == "true"
        }.sorted {
            ($0["sys_updated_on"], $1.sysID) > ($1["sys_updated_on"], $0.sysID)
        }
    }
}

/// A ticket row as the widget shows it.
struct ShownTicket: Sendable, Equatable {
    var number: String
    var summary: String
    var state: String
    var badgeClass: String
    var href: String
    var datetime: String
    var time: String
    var priority: String
}

extension WebDriver {
    /// Waits until the widget has rendered (or shown a message) and no request is in flight; returns its state.
    @discardableResult
    func waitForWidget(
        _ state: String = "ready",
        timeout: Duration = .seconds(20),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> JSONValue {
        try await waitFor(
            "the widget in state \(state)",
            timeout: timeout,
            sourceLocation: sourceLocation,
            """
            var w = document.getElementById('widget');
            return w && w.dataset.state === arguments[0] && w.dataset.busy !== 'true' && w.getAttribute('aria-busy') === 'false';
            """,
            [.string(state)]
        )
    }

    /// The rows of one list's panel (visible or not).
    func shownTickets(_ list: TicketList) async throws -> [ShownTicket] {
        let value = try await execute(
            """
            return Array.from(document.querySelectorAll('#panel-' + arguments[0] + ' .ticket')).map(function (row) {
              var link = row.querySelector('a.number'), time = row.querySelector('time'), badge = row.querySelector('.badge');
              var priority = row.querySelector('.priority');
              return { number: row.dataset.number, summary: row.querySelector('.summary').textContent,
                state: badge.textContent, badgeClass: badge.className, href: link.getAttribute('href'),
                target: link.target, rel: link.rel, datetime: time ? time.getAttribute('datetime') : '',
                time: time ? time.textContent : '', priority: priority ? priority.textContent : '' };
            });
            """,
            [.string(list.rawValue)]
        )
        return (value.arrayValue ?? []).map { row in
            ShownTicket(
                number: row["number"]?.stringValue ?? "",
                summary: row["summary"]?.stringValue ?? "",
                state: row["state"]?.stringValue ?? "",
                badgeClass: row["badgeClass"]?.stringValue ?? "",
                href: row["href"]?.stringValue ?? "",
                datetime: row["datetime"]?.stringValue ?? "",
                time: row["time"]?.stringValue ?? "",
                priority: row["priority"]?.stringValue ?? ""
            )
        }
    }

    /// The text of one element, or nil when nothing matches.
    func text(_ selector: String) async throws -> String? {
        try await execute(
            "var e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;",
            [.string(selector)]
        ).stringValue
    }

    /// Whether an element matching `selector` is rendered (exists, not `hidden`, has a box).
    func isDisplayed(_ selector: String) async throws -> Bool {
        try await execute(
            "var e = document.querySelector(arguments[0]); return !!(e && e.getClientRects().length > 0);",
            [.string(selector)]
        ).boolValue ?? false
    }

    /// Clicks the element matching `selector` once it is displayed.
    func click(_ selector: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await click(try await waitForElement(selector, sourceLocation: sourceLocation))
    }

    /// Types into the element matching `selector` once it is displayed.
    func type(_ text: String, into selector: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await sendKeys(text, to: try await waitForElement(selector, sourceLocation: sourceLocation))
    }
}

/// WebDriver's key codes.
enum Key {
    static let enter = "\u{E007}"
    static let tab = "\u{E004}"
    static let escape = "\u{E00C}"
    static let control = "\u{E009}"
    static let arrowLeft = "\u{E012}"
    static let arrowUp = "\u{E013}"
    static let arrowRight = "\u{E014}"
    static let arrowDown = "\u{E015}"
    static let home = "\u{E011}"
    static let end = "\u{E010}"
}
