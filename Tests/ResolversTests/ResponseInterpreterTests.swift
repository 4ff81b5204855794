import JSON
import Testing

@testable import Resolvers

/// Hostile and broken upstream answers become errors, never crashes; ServiceNow's own messages are passed on.
@Suite struct ResponseInterpreterTests {
    private func interpret(
        _ status: Int,
        _ body: String,
        headers: [(String, String)] = []
    ) -> Result<UpstreamResponse, ServiceNowError> {
        ResponseInterpreter.interpret(
            status: status,
            headers: headers.map { UpstreamResponse.Header(name: $0.0, value: $0.1) },
            body: Array(body.utf8)
        )
    }

    private func code(_ result: Result<UpstreamResponse, ServiceNowError>) -> ServiceNowError.Code? {
        if case .failure(let error) = result { return error.code }
        return nil
    }

    @Test func successIsParsed() throws {
        let response = try interpret(200, #"{"result":[{"a":"1"}]}"#, headers: [("X-Total-Count", "12")]).get()
        #expect(response.result == [["a": "1"]])
        #expect(response.totalCount == 12)
        #expect(try interpret(204, "").get().body == .null)
    }

    @Test(arguments: [
        "<!DOCTYPE html><html><title>Instance Hibernating page</title></html>",
        "   <html><body>Proxy error</body></html>",
        "[1,2,3]",
        "\"result\"",
        "{\"result\": [",
        "",
        String(repeating: "[", count: 500) + String(repeating: "]", count: 500),
        "\u{0}\u{1}binary",
    ])
    func non_objectsAreUnavailable(_ body: String) {
        #expect(code(interpret(200, body)) == .unavailable)
    }

    @Test func headersAreFoundByNameIgnoringASCIICase() {
        let response = UpstreamResponse(
            status: 200,
            body: .null,
            headers: [.init(name: "x-total-COUNT", value: " 12 "), .init(name: "X-Total-Count", value: "13")]
        )
        #expect(response.header("X-TOTAL-count") == " 12 ")
        #expect(response.totalCount == 12)
        #expect(response.header("X-Total-Coun") == nil)
    }

    @Test func hibernationIsNamed() {
        guard case .failure(let error) = interpret(200, "<html><h1>Your instance is hibernating</h1></html>") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.message.contains("hibernating"))
    }

    @Test func statusesMapToCodes() {
        let envelope = #"{"error":{"message":"Mandatory Variables are required","detail":null},"status":"failure"}"#
        #expect(code(interpret(400, envelope)) == .badUserInput)
        #expect(code(interpret(401, envelope)) == .authRequired)
        #expect(code(interpret(403, envelope)) == .accessDenied)
        #expect(code(interpret(404, envelope)) == .notFound)
        #expect(code(interpret(429, envelope)) == .rateLimited)
        #expect(code(interpret(500, envelope)) == .unavailable)
        #expect(code(interpret(503, "<html>down</html>")) == .unavailable)
        #expect(code(interpret(302, "")) == .unavailable)
        #expect(code(interpret(406, envelope)) == .unavailable)
        if case .failure(let error) = interpret(400, envelope) {
            #expect(error.message.contains("Mandatory Variables are required"))
        }
    }

    @Test func messagesAreShortAndClean() {
        let long = String(repeating: "x", count: 1000)
        let envelope = #"{"error":{"message":"line1\nline2 "# + long + #"","detail":"why"}}"#
        guard case .failure(let error) = interpret(403, envelope) else {
            Issue.record("expected a failure")
            return
        }
        #expect(!error.message.contains("\n"))
        #expect(error.message.count < 700)
    }

    @Test func retryAfterIsReadWhenNumeric() {
        if case .failure(let error) = interpret(429, "{}", headers: [("retry-after", " 30 ")]) {
            #expect(error.extensions["retryAfter"] == 30)
        }
        if case .failure(let error) = interpret(429, "{}", headers: [("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")])
        {
            #expect(error.extensions["retryAfter"] == nil)
        }
    }
}
