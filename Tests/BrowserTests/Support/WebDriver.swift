import CurlHTTP
import Foundation
import JSON
import Testing

/// A W3C WebDriver session with headless Chromium, spoken over chromedriver's HTTP API with our own libcurl client.
///
/// Only what the browser tests use: navigation, elements by CSS selector, clicks and keys, scripts, windows, console
/// logs, screenshots and Chrome DevTools commands (device emulation). Every wait polls the page with a bounded
/// timeout; nothing sleeps for a fixed time.
final class WebDriver: Sendable {
    /// A reference to an element of the current page, as WebDriver names it.
    struct Element: Sendable, Hashable {
        let id: String
        /// The JSON a command takes for it (`{"element-6066-…": id}`).
        var json: JSONValue { .object([WebDriver.elementKey: .string(id)]) }
    }

    /// A WebDriver command that failed: its HTTP status, WebDriver error code and message.
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int
        let error: String
        let message: String
        var description: String { "WebDriver \(command) failed (\(status) \(error)): \(message)" }
    }

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    let client: CurlClient
    let base: String

    private init(client: CurlClient, base: String) {
        self.client = client
        self.base = base
    }

    /// Starts a headless Chromium session at `driverURL` with a window of `width`×`height` CSS pixels.
    static func start(
        driverURL: String,
        client: CurlClient,
        width: Int = 1280,
        height: Int = 800
    ) async throws
        -> WebDriver
    {
        let arguments: [JSONValue] = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--force-color-profile=srgb", "--lang=en-US",
            .string("--window-size=\(width),\(height)"),
        ]
        let capabilities: JSONValue = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "pageLoadStrategy": "normal",
                    "goog:loggingPrefs": ["browser": "ALL"],
                    "goog:chromeOptions": [
                        "binary": .string(ChromeDriver.chromiumPath),
                        "args": .array(arguments),
                        "prefs": ["intl.accept_languages": "en-US"],
                    ],
                ]
            ]
        ]
        let value = try await send(client, .post, driverURL + "/session", capabilities, timeout: .seconds(60))
        guard let id = value["sessionId"]?.stringValue else {
            throw Failure(command: "new session", status: 200, error: "no session id", message: "\(value)")
        }
        let driver = WebDriver(client: client, base: driverURL + "/session/" + id)
        // The viewport, not the window, is what the pages lay out in; headless windows have no chrome, but make sure.
        try await driver.setViewport(width: width, height: height, deviceScaleFactor: 1, mobile: false)
        return driver
    }

    /// Ends the session (closes the browser).
    func quit() async {
        _ = try? await Self.send(client, .delete, base, nil, timeout: .seconds(20))
    }

    // MARK: Commands

    @discardableResult
    func command(_ method: CurlRequest.Method, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        // POST always carries a JSON object; other methods carry nothing (not even `null`, which chromedriver
        // refuses as "missing command parameters").
        let payload: JSONValue? = method == .post ? (body ?? .object([:])) : body
        return try await Self.send(client, method, base + path, payload)
    }

    func navigate(to url: String) async throws {
        try await command(.post, "/url", ["url": .string(url)])
    }

    func currentURL() async throws -> String {
        try await command(.get, "/url").stringValue ?? ""
    }

    /// Runs `script` as a function body with `arguments` (`arguments[0]` …) and returns its result.
    @discardableResult
    func execute(_ script: String, _ arguments: [JSONValue] = []) async throws -> JSONValue {
        try await command(.post, "/execute/sync", ["script": .string(script), "args": .array(arguments)])
    }

    func findElements(_ selector: String) async throws -> [Element] {
        let value = try await command(.post, "/elements", ["using": "css selector", "value": .string(selector)])
        return (value.arrayValue ?? []).compactMap { $0[Self.elementKey]?.stringValue }.map(Element.init)
    }

    func click(_ element: Element) async throws {
        try await command(.post, "/element/\(element.id)/click")
    }

    func sendKeys(_ text: String, to element: Element) async throws {
        try await command(.post, "/element/\(element.id)/value", ["text": .string(text)])
    }

    func clear(_ element: Element) async throws {
        try await command(.post, "/element/\(element.id)/clear")
    }

    /// Presses keys on whatever has focus (WebDriver key codes: "\u{E014}" is ArrowRight, "\u{E004}" Tab, …).
    func pressKeys(_ keys: [String]) async throws {
        var actions: [JSONValue] = []
        for key in keys {
            actions.append(["type": "keyDown", "value": .string(key)])
            actions.append(["type": "keyUp", "value": .string(key)])
        }
        try await command(
            .post,
            "/actions",
            ["actions": [["type": "key", "id": "keyboard", "actions": .array(actions)]]]
        )
        try await command(.delete, "/actions")
    }

    /// Presses `keys` together (all down in order, then up in reverse), e.g. Control+Enter.
    func pressChord(_ keys: [String]) async throws {
        var actions: [JSONValue] = keys.map { ["type": "keyDown", "value": .string($0)] }
        actions += keys.reversed().map { ["type": "keyUp", "value": .string($0)] }
        try await command(
            .post,
            "/actions",
            ["actions": [["type": "key", "id": "keyboard", "actions": .array(actions)]]]
        )
        try await command(.delete, "/actions")
    }

    func windowHandles() async throws -> [String] {
        (try await command(.get, "/window/handles").arrayValue ?? []).compactMap(\.stringValue)
    }

    func currentWindow() async throws -> String {
        try await command(.get, "/window").stringValue ?? ""
    }

    func switchToWindow(_ handle: String) async throws {
        try await command(.post, "/window", ["handle": .string(handle)])
    }

    /// Makes `element` (an iframe) the context of later commands; nil goes back to the top-level page.
    func switchToFrame(_ element: Element?) async throws {
        try await command(.post, "/frame", ["id": element?.json ?? .null])
    }

    /// The browser console's messages since the last call (chromedriver's logging extension).
    func consoleMessages() async throws -> [(level: String, message: String)] {
        let entries = try await command(.post, "/se/log", ["type": "browser"]).arrayValue ?? []
        return entries.map { ($0["level"]?.stringValue ?? "", $0["message"]?.stringValue ?? "") }
    }

    /// A Chrome DevTools Protocol command (chromedriver's `goog/cdp/execute` extension).
    @discardableResult
    func devTools(_ method: String, _ parameters: JSONObject = [:]) async throws -> JSONValue {
        try await command(.post, "/goog/cdp/execute", ["cmd": .string(method), "params": .object(parameters)])
    }

    /// Lays the page out at `width`×`height` CSS pixels (a phone with `mobile`), whatever the window size is.
    func setViewport(width: Int, height: Int, deviceScaleFactor: Double, mobile: Bool) async throws {
        try await devTools(
            "Emulation.setDeviceMetricsOverride",
            [
                "width": .int(width), "height": .int(height), "deviceScaleFactor": .double(deviceScaleFactor),
                "mobile": .bool(mobile),
            ]
        )
    }

    /// The viewport as PNG bytes.
    func screenshot() async throws -> [UInt8] {
        let base64 = try await command(.get, "/screenshot").stringValue ?? ""
        guard let data = Data(base64Encoded: base64) else {
            throw Failure(command: "screenshot", status: 200, error: "bad data", message: "not base64")
        }
        return [UInt8](data)
    }

    // MARK: Waiting

    /// Polls `condition` (a script body that returns a value; `null`, `false` or `undefined` mean "not yet") until it
    /// returns something else, and returns that. Fails with `description` and the last value after `timeout`.
    @discardableResult
    func waitFor(
        _ description: String,
        timeout: Duration = .seconds(20),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: String,
        _ arguments: [JSONValue] = []
    ) async throws -> JSONValue {
        let deadline = ContinuousClock.now + timeout
        var last: JSONValue = .null
        while true {
            last = try await execute(condition, arguments)
            switch last {
            case .null, .bool(false): break
            default: return last
            }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        let state =
            (try? await execute(
                "var w = document.getElementById('widget') || document.getElementById('explorer');"
                    + "return (w ? JSON.stringify(w.dataset) + ' ' : '') + document.body.innerText.slice(0, 600);"
            ))?.stringValue ?? ""
        Issue.record(
            "Timed out after \(timeout) waiting for \(description). Page: \(state)",
            sourceLocation: sourceLocation
        )
        throw Failure(command: "wait", status: 0, error: "timeout", message: description)
    }

    /// Waits until an element matches `selector` and is displayed, and returns it.
    @discardableResult
    func waitForElement(
        _ selector: String,
        timeout: Duration = .seconds(20),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Element {
        let value = try await waitFor(
            "a visible \(selector)",
            timeout: timeout,
            sourceLocation: sourceLocation,
            """
            var e = document.querySelector(arguments[0]);
            return e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' ? e : null;
            """,
            [.string(selector)]
        )
        guard let id = value[Self.elementKey]?.stringValue else {
            throw Failure(command: "wait", status: 0, error: "not an element", message: "\(value)")
        }
        return Element(id: id)
    }

    /// The text content of every element matching `selector`, in document order.
    func texts(_ selector: String) async throws -> [String] {
        let value = try await execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map(function (e) { return e.textContent.trim(); });",
            [.string(selector)]
        )
        return (value.arrayValue ?? []).compactMap(\.stringValue)
    }

    // MARK: Transport

    private static func send(
        _ client: CurlClient,
        _ method: CurlRequest.Method,
        _ url: String,
        _ body: JSONValue?,
        timeout: Duration = .seconds(30)
    ) async throws -> JSONValue {
        let response = try await client.execute(
            CurlRequest(
                method: method,
                url: url,
                headers: body == nil
                    ? [] : [CurlHeader(name: "Content-Type", value: "application/json; charset=utf-8")],
                body: body?.serialized(),
                timeout: timeout
            )
        )
        let json = (try? JSONValue.parse(response.body)) ?? .null
        let value = json["value"] ?? .null
        guard response.status == 200 else {
            throw Failure(
                command: "\(method) \(url.split(separator: "/").suffix(2).joined(separator: "/"))",
                status: response.status,
                error: value["error"]?.stringValue ?? "",
                message: value["message"]?.stringValue ?? String(decoding: response.body.prefix(500), as: UTF8.self)
            )
        }
        return value
    }
}
