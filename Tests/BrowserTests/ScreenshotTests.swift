import Foundation
import JSON
import Testing

extension BrowserTests {
    /// The screenshots in `docs/screenshots/`, refreshed by `make screenshots`. Runs only when
    /// `SNOWGATE_SCREENSHOTS` names the folder to write to, so `make test` never rewrites tracked files.
    @Suite struct Screenshots {
        static let folder = ProcessInfo.processInfo.environment["SNOWGATE_SCREENSHOTS"].flatMap {
            $0.isEmpty ? nil : $0
        }

        /// The sizes the docs show: a laptop and a phone.
        static let devices: [(name: String, width: Int, height: Int, scale: Double, mobile: Bool)] = [
            ("desktop", 1280, 800, 1, false),
            ("phone", 390, 844, 2, true),
        ]

        @Test(.enabled(if: folder != nil, "set SNOWGATE_SCREENSHOTS to the output folder (make screenshots)"))
        func widgetAndExplorer() async throws {
            let folder = try #require(Self.folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try await BrowserTest.run { demo, browser in
                // Still pictures: no shimmer, no spinner mid-turn.
                try await browser.devTools(
                    "Emulation.setEmulatedMedia",
                    ["features": [["name": "prefers-reduced-motion", "value": "reduce"]]]
                )
                for device in Self.devices {
                    try await browser.setViewport(
                        width: device.width,
                        height: device.height,
                        deviceScaleFactor: device.scale,
                        mobile: device.mobile
                    )
                    try await browser.navigate(to: try demo.widgetURL)
                    try await browser.waitForWidget()
                    try await browser.type("vpn", into: "#kb-search")
                    try await browser.pressKeys([Key.enter])
                    try await browser.waitForElement("#kb-results .article")
                    try await Self.save(browser, folder: folder, name: "widget-\(device.name).png")

                    try await browser.navigate(to: demo.url("/explorer", token: try demo.userToken))
                    try await browser.waitFor(
                        "the schema documentation",
                        "return document.getElementById('explorer').dataset.schema === 'ready';"
                    )
                    try await browser.click("#run")
                    try await browser.waitFor(
                        "the result",
                        "return document.getElementById('explorer').dataset.result === 'done';"
                    )
                    try await browser.type("Incident", into: "#doc-search")
                    try await browser.waitForElement("#doc-suggestions .suggestion")
                    try await browser.pressKeys([Key.enter])
                    try await browser.waitFor(
                        "Incident's documentation",
                        "return document.getElementById('doc-type').textContent === 'Incident';"
                    )
                    try await Self.save(browser, folder: folder, name: "explorer-\(device.name).png")
                }

                // The new-request form, and the widget of a user who has not connected ServiceNow yet.
                try await browser.setViewport(width: 1280, height: 800, deviceScaleFactor: 1, mobile: false)
                try await browser.navigate(to: try demo.widgetURL)
                try await browser.waitForWidget()
                try await browser.click("#new-request")
                try await browser.waitForElement(".catalog-item")
                try await browser.click(".catalog-item[data-item-id]")
                try await browser.waitForElement("#order-variables .field")
                try await Self.save(browser, folder: folder, name: "widget-new-request.png", blur: false)

                let newcomer = try demo.token(subject: "new.colleague", name: "New Colleague")
                try await browser.navigate(to: demo.url("/widget", token: newcomer))
                try await browser.waitForWidget("connect")
                try await Self.save(browser, folder: folder, name: "widget-connect.png")
            }
        }

        /// Writes the viewport, scrolled to the top, without a focus ring or caret in the picture.
        static func save(_ browser: WebDriver, folder: String, name: String, blur: Bool = true) async throws {
            if blur {
                try await browser.execute(
                    "if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);"
                )
            }
            let png = try await browser.screenshot()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is a PNG")
            try Data(png).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
    }
}
