import JSON
import Testing

extension BrowserTests {
    /// The schema explorer at `/explorer`.
    @Suite struct ExplorerTests {
        @Test func documentsTheSchemaAndRunsAQuery() async throws {
            // The invalid query at the end is answered 400 (application/graphql-response+json), which the browser logs.
            try await BrowserTest.run(expectedConsoleErrors: ["status of 400"]) { demo, browser in
                try await browser.navigate(to: demo.url("/explorer", token: try demo.userToken))
                try await browser.waitFor(
                    "the schema documentation",
                    "return document.getElementById('explorer').dataset.schema === 'ready';"
                )
                #expect(try await browser.currentURL() == demo.baseURL + "/explorer")
                #expect(try await browser.text("#token-status") == "Signed in as Abel Tuter (from the link)")
                let roots = try await browser.texts("#docs-body .roots .type-name")
                #expect(roots == ["Query", "Mutation"])

                // Type-ahead: types and fields as you type, chosen by keyboard.
                try await browser.type("incid", into: "#doc-search")
                try await browser.waitForElement("#doc-suggestions .suggestion")
                let suggestions = try await browser.texts("#doc-suggestions .suggestion-label")
                #expect(suggestions.contains("Incident"))
                #expect(suggestions.contains("Query.incidents"))
                #expect(
                    try await browser.execute(
                        "return document.getElementById('doc-search').getAttribute('aria-expanded')"
                    ) == "true"
                )
                let index = try #require(suggestions.firstIndex(of: "Query.incidents"))
                try await browser.pressKeys(Array(repeating: Key.arrowDown, count: index) + [Key.enter])
                try await browser.waitForElement("#doc-field-incidents.highlight")
                #expect(try await browser.text("#doc-type") == "Query")
                // Arguments with their types and defaults, and the field's type to click through.
                let arguments = try await browser.texts("#doc-field-incidents .argument code")
                #expect(arguments.contains("first: Int = 20"))
                #expect(arguments.contains("filter: TicketFilter"))
                try await browser.click("#doc-field-incidents .signature .type-name")
                try await browser.waitFor(
                    "IncidentConnection",
                    "return document.getElementById('doc-type').textContent === 'IncidentConnection';"
                )
                try await browser.click("#doc-field-nodes .signature .type-name")
                try await browser.waitFor(
                    "Incident",
                    "return document.getElementById('doc-type').textContent === 'Incident';"
                )
                #expect(try await browser.text("#docs-body .implements")?.contains("Ticket") == true)
                #expect(try await browser.texts(".field-doc .field-name").contains("caller"))
                let description = try await browser.text("#doc-field-caller .description")
                #expect(description == "The person the incident is for.")
                // Back goes the way it came.
                try await browser.click("#docs-nav .back")
                try await browser.waitFor(
                    "back to IncidentConnection",
                    "return document.getElementById('doc-type').textContent === 'IncidentConnection';"
                )

                // The editor: run the default query with its variables.
                try await browser.click("#run")
                try await browser.waitFor(
                    "the result",
                    "return document.getElementById('explorer').dataset.result === 'done';"
                )
                let result = try #require(try await browser.text("#result"))
                let json = try JSONValue.parse(result)
                #expect(json["data"]?["viewer"]?["user"]?["name"] == "Abel Tuter")
                #expect(json["data"]?["incidents"]?["nodes"]?.arrayValue?.count == 5)
                #expect(json["errors"] == nil)
                #expect(try await browser.text("#result-status")?.hasPrefix("HTTP 200") == true)

                // A query typed in, with Tab indenting inside the editor.
                let editor = try await browser.waitForElement("#query")
                try await browser.clear(editor)
                try await browser.sendKeys("query Who {", to: editor)
                try await browser.pressKeys([Key.enter])
                try await browser.sendKeys("viewer { isAdmin }", to: editor)
                try await browser.pressKeys([Key.enter, "}"])
                #expect(
                    try await browser.execute("return document.getElementById('query').value")
                        == "query Who {\n  viewer { isAdmin }\n}"
                )
                try await browser.pressKeys([Key.tab])
                #expect(try await browser.execute("return document.activeElement.id") == "query")
                try await browser.clear(try await browser.waitForElement("#variables"))
                try await browser.click("#query")
                try await browser.pressChord([Key.control, Key.enter])
                try await browser.waitFor(
                    "the second result",
                    "return /isAdmin/.test(document.getElementById('result').textContent);"
                )
                let second = try JSONValue.parse(try #require(try await browser.text("#result")))
                #expect(second == ["data": ["viewer": ["isAdmin": false]]])

                // Errors come back as the gateway sends them.
                try await browser.execute("document.getElementById('query').value = '{ nope }';")
                try await browser.click("#run")
                try await browser.waitFor(
                    "the error",
                    "return /GRAPHQL_VALIDATION_FAILED/.test(document.getElementById('result').textContent);"
                )
                #expect(try await browser.text("#result-status")?.contains("1 error") == true)
                #expect(try await browser.execute(Accessibility.audit) == [])
                #expect(try await browser.execute(Accessibility.contrast) == [])
                // The introspection and the three runs.
                #expect(try await demo.graphQLRequestCount() == 4)
            }
        }

        @Test func withoutATokenItSaysSoAndSendsNothing() async throws {
            try await BrowserTest.run { demo, browser in
                try await browser.navigate(to: demo.baseURL + "/explorer")
                try await browser.waitForElement("#docs-body .hint")
                #expect(try await browser.text("#token-status") == "No token yet")
                try await browser.click("#run")
                #expect(try await browser.text("#result-status")?.hasPrefix("There is no token yet") == true)
                #expect(try await demo.graphQLRequestCount() == 0)
                // A pasted token works for this tab.
                try await browser.type(try demo.adminToken, into: "#token-input")
                try await browser.pressKeys([Key.enter])
                try await browser.waitFor(
                    "the schema documentation",
                    "return document.getElementById('explorer').dataset.schema === 'ready';"
                )
                #expect(try await browser.text("#token-status") == "Signed in as System Administrator (pasted)")
                #expect(try await browser.execute("return document.getElementById('token-input').value") == "")
            }
        }
    }
}
